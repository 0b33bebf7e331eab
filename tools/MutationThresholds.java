import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Fails the build when PIT's mutation score is under a threshold, for the module as a whole and per
 * package: PIT itself has one threshold per run, and the packages that carry the token lifecycle are held
 * to a higher one than the rest.
 *
 * <p>Run with {@code java tools/MutationThresholds.java REPORTS EXCLUSIONS NAME=PERCENT...}, where REPORTS is
 * PIT's {@code mutations.xml}, or several separated by the platform's path separator (PIT runs of one module
 * on different class paths, e.g. RESTEasy's and Jersey's: a mutant counts as detected when any run detected it),
 * EXCLUSIONS the module's {@code equivalent-mutants.txt} (one line per equivalent mutant)
 * and NAME either {@code *} (every mutant of the report) or a package (that package only, not its
 * sub-packages). The score is PIT's: mutants PIT reports as detected (its {@code detected} attribute: killed,
 * timed out, memory error...) over all, where not covered counts as not detected; excluded mutants are
 * left out of both. A run error (PIT could not run a test on the mutant) fails the check whatever the score.
 */
public final class MutationThresholds {

    record Mutant(String clazz, String method, int line, String mutator, String description, boolean detected,
            String status) {

        String packageName() {
            return clazz.substring(0, clazz.lastIndexOf('.'));
        }

        String where() {
            return clazz.substring(clazz.lastIndexOf('.') + 1) + "." + method + ":" + line + " "
                    + mutator.substring(mutator.lastIndexOf('.') + 1) + " (" + description + ") " + status;
        }
    }

    /** One line of the exclusions file: class | method | line | mutator | description | why it is equivalent. */
    record Exclusion(String clazz, String method, int line, String mutator, String description, String reason,
            int lineNo) {

        boolean matches(Mutant mutant) {
            return mutant.clazz().equals(clazz) && mutant.method().equals(method) && mutant.line() == line
                    && mutant.mutator().endsWith("." + mutator) && mutant.description().equals(description);
        }

        String where() {
            return clazz + "#" + method + ":" + line + " " + mutator;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            fail("usage: MutationThresholds REPORTS EXCLUSIONS NAME=PERCENT...");
        }
        String report = args[0];
        Map<String, Mutant> merged = new LinkedHashMap<>();
        List<String> notRun = new ArrayList<>();
        for (String name : report.split(Pattern.quote(File.pathSeparator))) {
            Path path = Path.of(name);
            if (!Files.isRegularFile(path)) {
                fail("no PIT report at " + path.toAbsolutePath() + ": did PIT run?");
            }
            Map<String, Mutant> mutants = read(path);
            if (mutants.isEmpty()) {
                fail("PIT's report " + path + " has no mutant: nothing was measured");
            }
            mutants.values().stream().filter(m -> m.status().equals("RUN_ERROR"))
                    .forEach(m -> notRun.add(m.where() + " in " + path));
            mutants.forEach((id, mutant) -> merged.merge(id, mutant, MutationThresholds::moreTelling));
        }
        List<Mutant> all = new ArrayList<>(merged.values());
        Path exclusionsFile = Path.of(args[1]);
        if (!Files.isRegularFile(exclusionsFile)) {
            fail("no exclusions file at " + exclusionsFile.toAbsolutePath() + " (an empty one will do)");
        }
        List<Exclusion> exclusions = exclusions(exclusionsFile);
        List<Mutant> counted = new ArrayList<>();
        Map<Exclusion, List<Mutant>> matched = new LinkedHashMap<>();
        for (Mutant mutant : all) {
            Exclusion exclusion = exclusions.stream().filter(e -> e.matches(mutant)).findFirst().orElse(null);
            if (exclusion == null) {
                counted.add(mutant);
            } else {
                matched.computeIfAbsent(exclusion, e -> new ArrayList<>()).add(mutant);
            }
        }
        List<String> problems = new ArrayList<>();
        if (!notRun.isEmpty()) {
            // PIT counts these as detected, but no test ran on them: typically a test the coverage run named was not
            // found when the mutation JVM listed the tests (log: "No test coverage for mutation")
            problems.add("PIT could not test " + notRun.size() + " mutants (RUN_ERROR, counted as detected by PIT"
                    + " though no test ran on them; -Dverbose=true shows why):\n      " + String.join("\n      ", notRun));
        }
        java.util.Set<String> measured = new java.util.HashSet<>();
        all.forEach(m -> measured.add(m.clazz()));
        for (Exclusion exclusion : exclusions) {
            List<Mutant> mutants = matched.getOrDefault(exclusion, List.of());
            String line = args[1] + " line " + exclusion.lineNo() + " (" + exclusion.where() + ")";
            if (!measured.contains(exclusion.clazz())) {
                // a class this run did not mutate (-DtargetClasses for another package) says nothing about the line
                continue;
            }
            if (mutants.isEmpty()) {
                problems.add(line + " matches no mutant any more: remove or update it");
            } else if (mutants.size() > 1) {
                problems.add(line + " matches " + mutants.size() + " mutants: an exclusion names exactly one");
            } else if (mutants.get(0).status().equals("TIMED_OUT")) {
                // No test failed: PIT gave up waiting, which a loaded machine causes for any mutant in a slow test.
                System.out.println("Note: " + line + " timed out in this run (no test failed on it); still excluded");
            } else if (mutants.get(0).detected()) {
                problems.add(line + " names a mutant the tests detect (" + mutants.get(0).status() + "): it is not"
                        + " equivalent, remove the line");
            }
        }

        Map<String, List<Mutant>> byPackage = new TreeMap<>();
        counted.forEach(m -> byPackage.computeIfAbsent(m.packageName(), p -> new ArrayList<>()).add(m));
        System.out.printf("Mutation score (%s; %d equivalent mutants excluded)%n", report, all.size() - counted.size());
        byPackage.forEach((name, mutants) -> System.out.printf("  %-48s %s%n", name, score(mutants)));
        System.out.printf("  %-48s %s%n", "all", score(counted));

        for (int i = 2; i < args.length; i++) {
            String[] threshold = args[i].split("=", 2);
            if (threshold.length != 2) {
                fail("threshold " + args[i] + " is not NAME=PERCENT");
            }
            String name = threshold[0].trim();
            double wanted = parsePercent(args[i], threshold[1]);
            List<Mutant> scope = name.equals("*") ? counted : byPackage.get(name);
            if (scope == null) {
                problems.add("no mutant of package " + name + " in this report (not mutated this run, e.g. with"
                        + " -DtargetClasses, or renamed): give thresholds for what was mutated (-Dmutation.thresholds)");
                continue;
            }
            double actual = percent(scope);
            if (detected(scope) * 100 < wanted * scope.size()) {
                StringBuilder missed = new StringBuilder();
                scope.stream().filter(m -> !m.detected()).forEach(m -> missed.append("\n      ").append(m.where()));
                problems.add(String.format("%s: %.2f %% is under %s %% (%d of %d detected); not detected:%s",
                        name.equals("*") ? "all mutants of this run" : name, actual, threshold[1].trim(),
                        detected(scope), scope.size(), missed));
            }
        }
        if (!problems.isEmpty()) {
            fail("Mutation thresholds not met:\n  - " + String.join("\n  - ", problems));
        }
        System.out.println("Mutation thresholds met: " + String.join(" ", List.of(args).subList(2, args.length)));
    }

    /**
     * Of one mutant's results in two runs, the one to report: detected if either run detected it; else
     * "survived" (tests ran and missed it) rather than "no coverage" (the other run's tests did not reach it).
     */
    private static Mutant moreTelling(Mutant first, Mutant next) {
        if (first.detected() != next.detected()) {
            return first.detected() ? first : next;
        }
        return "NO_COVERAGE".equals(first.status()) ? next : first;
    }

    private static double parsePercent(String argument, String text) {
        try {
            double percent = Double.parseDouble(text.trim());
            if (percent >= 0 && percent <= 100) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fail("threshold " + argument + ": the percentage must be a number from 0 to 100, without '%'");
        throw new AssertionError();
    }

    private static long detected(List<Mutant> mutants) {
        return mutants.stream().filter(Mutant::detected).count();
    }

    private static String score(List<Mutant> mutants) {
        long detected = mutants.stream().filter(Mutant::detected).count();
        return String.format("%5.1f %%  (%d of %d detected)", percent(mutants), detected, mutants.size());
    }

    private static double percent(List<Mutant> mutants) {
        if (mutants.isEmpty()) {
            return 100;
        }
        return 100.0 * mutants.stream().filter(Mutant::detected).count() / mutants.size();
    }

    /**
     * The report's mutants by identity: what PIT needs to make the same mutant again (class, method and its
     * descriptor, mutator, instruction indexes), so that two runs over the same classes name each mutant alike.
     */
    private static Map<String, Mutant> read(Path report) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList nodes = factory.newDocumentBuilder().parse(report.toFile()).getElementsByTagName("mutation");
        Map<String, Mutant> mutants = new LinkedHashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            Mutant mutant = new Mutant(text(e, "mutatedClass"), text(e, "mutatedMethod"),
                    Integer.parseInt(text(e, "lineNumber")), text(e, "mutator"), text(e, "description"),
                    Boolean.parseBoolean(e.getAttribute("detected")), e.getAttribute("status"));
            String id = String.join("|", mutant.clazz(), mutant.method(), text(e, "methodDescription"),
                    mutant.mutator(), texts(e, "index"), String.valueOf(mutant.line()), mutant.description());
            if (mutants.putIfAbsent(id, mutant) != null) {
                fail("PIT's report " + report + " names one mutant twice: " + mutant.where());
            }
        }
        return mutants;
    }

    private static String text(Element mutation, String child) {
        NodeList nodes = mutation.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static String texts(Element mutation, String child) {
        NodeList nodes = mutation.getElementsByTagName(child);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return String.join(",", texts);
    }

    private static List<Exclusion> exclusions(Path file) throws IOException {
        List<Exclusion> exclusions = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\|", -1);
            if (fields.length != 6 || fields[5].isBlank() || !fields[2].strip().matches("[0-9]+")) {
                fail(file + " line " + (i + 1) + ": want class | method | line | mutator | description | why it is"
                        + " equivalent (the reason is required)");
            }
            exclusions.add(new Exclusion(fields[0].strip(), fields[1].strip(), Integer.parseInt(fields[2].strip()),
                    fields[3].strip(), fields[4].strip(), fields[5].strip(), i + 1));
        }
        return exclusions;
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prints the home of a JDK of at least the given feature version, for a server suite that needs a newer Java
 * than the build's (Payara Micro 7 needs 21): {@code java FindJdk.java 21 "Payara Micro 7"}.
 *
 * <p>Looked at, in this order, the first suitable one winning: the variables {@code JAVA_HOME_<n>} and
 * {@code JAVA_HOME_<n>_X64} (as CI images set them) and {@code JAVA<n>_HOME} for every {@code n} from the
 * minimum up; the JDK running the build; then the usual install places ({@code /usr/lib/jvm},
 * {@code /usr/java}, {@code /opt}, {@code /opt/java}, SDKMAN!'s and IntelliJ's JDK folders, macOS's
 * {@code /Library/Java/JavaVirtualMachines}), newest first. A JDK is a directory with {@code bin/java} whose
 * {@code release} file gives its {@code JAVA_VERSION}.
 *
 * <p>When there is none, it says so in one line on standard error and prints nothing, so that the suite is
 * skipped, not run on the wrong Java; where {@code IT_REQUIRE_JDK=true} is in the environment ({@code .ci/run}
 * sets it) or the build sets {@code -Dit.require-jdk=true}, that is an error instead (exit status 1), so CI never
 * skips a suite, unless the build skips tests anyway ({@code -DskipTests}, {@code -DskipITs},
 * {@code -Dmaven.test.skip}: the further arguments). A variable naming a JDK that is not suitable is reported.
 */
public final class FindJdk {

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([0-9]+)");

    public static void main(String[] args) {
        if (args.length < 3 || !args[0].matches("[0-9]{1,3}")) {
            System.err.println("usage: java FindJdk.java <minimum feature version> <what needs it> <required: true|false>"
                    + " [<skipping tests: true|false>...]");
            System.exit(2);
        }
        int minimum = Integer.parseInt(args[0]);
        Optional<Path> found = find(minimum, System.getenv(), Path.of(System.getProperty("java.home")),
                Path.of(System.getProperty("user.home")));
        if (found.isPresent()) {
            System.out.print(found.get());
            return;
        }
        boolean skippingTests = List.of(args).subList(3, args.length).contains("true");
        boolean required = (Boolean.parseBoolean(args[2]) || "true".equalsIgnoreCase(System.getenv("IT_REQUIRE_JDK")))
                && !skippingTests;
        String message = "No JDK " + minimum + " or newer found for " + args[1] + ": set JAVA_HOME_" + minimum
                + " to one (looked at JAVA_HOME_<n>, JAVA<n>_HOME, the running JDK, /usr/lib/jvm, /usr/java, /opt,"
                + " ~/.sdkman/candidates/java, ~/.jdks, /Library/Java/JavaVirtualMachines)";
        if (required) {
            System.err.println(message + "; CI runs every suite.");
            System.exit(1);
        }
        System.err.println(message + "; its suite is SKIPPED.");
    }

    static Optional<Path> find(int minimum, Map<String, String> environment, Path running, Path userHome) {
        Set<Path> named = new LinkedHashSet<>();
        for (int n = minimum; n <= minimum + 30; n++) {
            for (String variable : List.of("JAVA_HOME_" + n, "JAVA_HOME_" + n + "_X64", "JAVA" + n + "_HOME")) {
                String value = environment.get(variable);
                if (value != null && !value.isBlank()) {
                    named.add(Path.of(value));
                }
            }
        }
        named.add(running);
        for (Path home : named) {
            if (version(home).orElse(0) >= minimum) {
                return Optional.of(home);
            }
            if (!home.equals(running)) {
                System.err.println("Ignored " + home + ": not a JDK " + minimum + " or newer (its release file and"
                        + " bin/java say " + version(home).map(String::valueOf).orElse("no usable JDK") + ")");
            }
        }
        List<Path> installed = new ArrayList<>();
        for (Path place : List.of(Path.of("/usr/lib/jvm"), Path.of("/usr/java"), Path.of("/opt"), Path.of("/opt/java"),
                userHome.resolve(".sdkman/candidates/java"), userHome.resolve(".jdks"),
                Path.of("/Library/Java/JavaVirtualMachines"))) {
            installed.addAll(children(place));
            children(place).forEach(child -> installed.add(child.resolve("Contents/Home")));
        }
        return installed.stream()
                .filter(home -> version(home).orElse(0) >= minimum)
                .max(Comparator.comparingInt((Path home) -> version(home).orElse(0)).thenComparing(Path::toString));
    }

    /** The feature version in the JDK's {@code release} file, if it is a JDK with a launcher. */
    static Optional<Integer> version(Path home) {
        Path release = home.resolve("release");
        boolean launcher = Files.isExecutable(home.resolve("bin/java")) || Files.isExecutable(home.resolve("bin/java.exe"));
        if (!Files.isRegularFile(release) || !launcher) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(release, StandardCharsets.UTF_8);
            Matcher m = JAVA_VERSION.matcher(text);
            // early-access builds are not what a user deploys on
            return m.find() && !text.contains("-ea\"") ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static List<Path> children(Path place) {
        if (!Files.isDirectory(place)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(place)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }
}

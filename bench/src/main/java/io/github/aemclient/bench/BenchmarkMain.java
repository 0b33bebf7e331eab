package io.github.aemclient.bench;

import io.github.aemclient.testkit.ImsStandIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in one go and prints a Markdown report with the figures, their JMH error and the
 * ratios the project targets. {@code --smoke} runs each briefly, in process, to prove they run.
 *
 * <pre>java -jar bench/target/benchmarks.jar [--smoke] [--out FILE]</pre>
 */
public final class BenchmarkMain {

    static final int[] THREADS = {1, 2, 4};
    static final String[] REQUESTS = {"cycled", "fresh-uri", "fresh-request"};
    /** Fresh JVMs for the cold start: one shot each. */
    static final int COLD_FORKS = 20;

    private final boolean smoke;
    private final Map<String, Result<?>> results = new LinkedHashMap<>();
    @SuppressWarnings("rawtypes")
    private final Map<String, Map<String, Result>> secondary = new LinkedHashMap<>();
    private final List<RestartHerd.Outcome> herds = new ArrayList<>();

    BenchmarkMain(boolean smoke) {
        this.smoke = smoke;
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        int out = List.of(args).indexOf("--out");
        BenchmarkMain main = new BenchmarkMain(smoke);
        main.runAll();
        String report = main.report();
        System.out.println();
        System.out.println(report);
        if (out >= 0 && out + 1 < args.length) {
            Files.writeString(Path.of(args[out + 1]), report, StandardCharsets.UTF_8);
        }
    }

    void runAll() throws RunnerException {
        for (int threads : THREADS) {
            runPeer(threads);
        }
        runColdStart();
        for (int threads : THREADS) {
            run(FilterHotPathBenchmark.class, threads, "hot/" + threads + "/");
        }
        run(EndToEndBenchmark.class, 1, "e2e/");
        run(ColdBurstBenchmark.class, 1, "burst/");
        // One measured thread leaves the second core to the renewal; two saturate this 2-core machine.
        run(SlowImsRefreshBenchmark.class, 1, "slow/1/");
        run(SlowImsRefreshBenchmark.class, 2, "slow/2/");
        if (smoke) {
            herds.add(RestartHerd.run(20, 5));
        } else {
            for (int i = 0; i < 3; i++) {
                herds.add(RestartHerd.run(50, 5));
                herds.add(RestartHerd.run(200, 20));
            }
        }
    }

    List<RestartHerd.Outcome> herds() {
        return herds;
    }

    /** Several forks, as single-fork figures swing widely on a 2-core machine; results keyed by request mode. */
    private void runPeer(int threads) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + PeerHotPathBenchmark.class.getName().replace(".", "\\.") + "\\.")
                .threads(threads)
                .forks(smoke ? 0 : 3)
                .shouldFailOnError(true)
                .jvmArgsAppend("-Xmx1g")
                .warmupIterations(smoke ? 1 : 3)
                .warmupTime(smoke ? TimeValue.milliseconds(100) : TimeValue.seconds(1))
                .measurementIterations(smoke ? 1 : 5)
                .measurementTime(smoke ? TimeValue.milliseconds(200) : TimeValue.seconds(1));
        if (smoke) {
            options.param("requests", REQUESTS);
        }
        for (RunResult run : new Runner(options.build()).run()) {
            String method = run.getParams().getBenchmark();
            results.put("peer/" + threads + "/" + run.getParams().getParam("requests") + "/"
                    + method.substring(method.lastIndexOf('.') + 1), run.getPrimaryResult());
        }
    }

    /**
     * Each cold figure is the first call in a fresh JVM (one shot per fork); the warm ones repeat the call in
     * one JVM after warm-up. The percentiles are over the shots.
     */
    private void runColdStart() throws RunnerException {
        // Served from this JVM, so that nothing of the stand-in warms up the measured one.
        System.setProperty(EndToEndBenchmark.NODELAY, "true");
        try (ImsStandIn ims = ImsStandIn.start().register(StandIns.CREDENTIALS)) {
            String credentials = StandIns.credentialsFile().toString();
            System.setProperty(ColdStartBenchmark.IMS_URL, ims.url().toString());
            System.setProperty(ColdStartBenchmark.CREDENTIALS, credentials);
            runColdStart("-Xmx1g", "-D" + ColdStartBenchmark.IMS_URL + "=" + ims.url(), "-D" + ColdStartBenchmark.CREDENTIALS
                    + "=" + credentials);
        } finally {
            System.clearProperty(ColdStartBenchmark.IMS_URL);
            System.clearProperty(ColdStartBenchmark.CREDENTIALS);
        }
    }

    private void runColdStart(String... jvmArgs) throws RunnerException {
        for (boolean cold : new boolean[] {true, false}) {
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include("^" + ColdStartBenchmark.class.getName().replace(".", "\\.") + "\\.")
                    .forks(smoke ? 0 : cold ? COLD_FORKS : 1)
                    .shouldFailOnError(true)
                    .jvmArgsAppend(jvmArgs)
                    .warmupIterations(smoke || cold ? 0 : 20)
                    .measurementIterations(smoke || cold ? 1 : 50);
            for (RunResult run : new Runner(options.build()).run()) {
                String method = run.getParams().getBenchmark();
                results.put((cold ? "cold/" : "warm/") + method.substring(method.lastIndexOf('.') + 1),
                        run.getPrimaryResult());
            }
        }
    }

    private void run(Class<?> benchmark, int threads, String prefix) throws RunnerException {
        boolean singleShot = benchmark == ColdBurstBenchmark.class;
        boolean sampled = benchmark == SlowImsRefreshBenchmark.class;
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + benchmark.getName().replace(".", "\\.") + "\\.")
                .threads(threads)
                .forks(smoke ? 0 : 1)
                .shouldFailOnError(true)
                // Without TCP_NODELAY the JDK's HttpServer answers in two segments and every request waits
                // ~40 ms for a delayed ACK, which would measure the kernel, not the client.
                .jvmArgsAppend("-Xmx1g", "-D" + EndToEndBenchmark.NODELAY + "=true");
        if (singleShot) {
            options.warmupIterations(smoke ? 0 : 3).measurementIterations(smoke ? 1 : 15);
        } else {
            options.warmupIterations(smoke ? 1 : 3)
                    .warmupTime(smoke ? TimeValue.milliseconds(100) : TimeValue.seconds(sampled ? 3 : 2))
                    .measurementIterations(smoke ? 1 : 5)
                    .measurementTime(smoke ? TimeValue.milliseconds(sampled ? 500 : 200)
                            : TimeValue.seconds(sampled ? 6 : 3));
        }
        Collection<RunResult> runs = new Runner(options.build()).run();
        for (RunResult run : runs) {
            String method = run.getParams().getBenchmark();
            String name = prefix + method.substring(method.lastIndexOf('.') + 1);
            results.put(name, run.getPrimaryResult());
            secondary.put(name, new LinkedHashMap<>(run.getSecondaryResults()));
        }
    }

    Map<String, Result<?>> results() {
        return results;
    }

    String report() {
        StringBuilder md = new StringBuilder();
        md.append("### Against a peer: google-auth-library-java's cached path (ops/s, higher is better)\n\n")
                .append("| requests | threads | constant header (floor) | clock read + constant header | google-auth |"
                        + " aem-client | aem-client / google-auth | aem-client / floor |"
                        + " google-auth / clock read + constant header |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (String requests : REQUESTS) {
            for (int threads : THREADS) {
                String key = "peer/" + threads + "/" + requests + "/";
                Result<?> floor = results.get(key + "constantHeader");
                Result<?> clockFloor = results.get(key + "clockThenConstantHeader");
                Result<?> google = results.get(key + "googleAuth");
                Result<?> aem = results.get(key + "aemClient");
                md.append("| ").append(requests).append(" | ").append(threads).append(" | ").append(figure(floor))
                        .append(" | ").append(figure(clockFloor)).append(" | ").append(figure(google)).append(" | ")
                        .append(figure(aem)).append(" | ").append(ratioWithin(aem, google)).append(" | ")
                        .append(ratio(aem.getScore(), floor.getScore())).append(" | ")
                        .append(ratioWithin(google, clockFloor)).append(" |\n");
            }
        }
        md.append("\n### Cold start: building the environment to the first header (ms, lower is better)\n\n")
                .append("| JVM | step | shots | p50 | p90 | max | share of the first header (p50) |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (String jvm : new String[] {"cold", "warm"}) {
            Result<?> whole = results.get(jvm + "/firstHeader");
            Result<?> read = results.get(jvm + "/readCredentials");
            Result<?> readAndSign = results.get(jvm + "/readCredentialsAndSign");
            double wholeP50 = percentileValue(whole, 50);
            double readP50 = percentileValue(read, 50);
            double signP50 = percentileValue(readAndSign, 50) - readP50;
            String label = jvm.equals("cold") ? "fresh (one shot per JVM)" : "warmed up";
            md.append(coldRow(label, "first header: credentials, JWT, IMS exchange, header", whole, "100 %"))
                    .append(coldRow(label, "reading the credentials (JSON, private key, certificate, key-pair check)",
                            read, percent(readP50, wholeP50)))
                    .append(coldRow(label, "the above and signing the JWT", readAndSign,
                            percent(readP50 + signP50, wholeP50) + " (signing " + percent(signP50, wholeP50) + ")"));
        }
        md.append("\n### Filter hot path (ops/s, higher is better)\n\n")
                .append("| threads | constant header (floor) | aem-client filter | synchronized provider |"
                        + " aem-client cost vs floor | aem-client vs synchronized |\n")
                .append("|---|---|---|---|---|---|\n");
        for (int threads : THREADS) {
            Result<?> floor = results.get("hot/" + threads + "/constantHeader");
            Result<?> aem = results.get("hot/" + threads + "/aemClient");
            Result<?> sync = results.get("hot/" + threads + "/synchronizedProvider");
            md.append("| ").append(threads).append(" | ").append(figure(floor)).append(" | ").append(figure(aem))
                    .append(" | ").append(figure(sync)).append(" | ")
                    .append(ratio(floor.getScore(), aem.getScore())).append("× | ")
                    .append(ratio(aem.getScore(), sync.getScore())).append("× |\n");
        }
        Result<?> e2eFloor = results.get("e2e/constantHeader");
        Result<?> e2eAem = results.get("e2e/aemClient");
        md.append("\n### End to end through RESTEasy to a loopback server (requests/s)\n\n")
                .append("| constant header | aem-client filter | aem-client / constant |\n|---|---|---|\n")
                .append("| ").append(figure(e2eFloor)).append(" | ").append(figure(e2eAem)).append(" | ")
                .append(ratio(e2eAem.getScore(), e2eFloor.getScore())).append(" |\n");
        Result<?> burst = results.get("burst/burst");
        @SuppressWarnings("rawtypes")
        Map<String, Result> burstCounts = secondary.get("burst/burst");
        md.append("\n### Cold burst: ").append(ColdBurstBenchmark.CALLERS).append(" threads, IMS answering after ")
                .append(ColdBurstBenchmark.IMS_LATENCY.toMillis()).append(" ms\n\n")
                .append("| time until every caller has its token | IMS exchanges per burst | callers without a token |\n")
                .append("|---|---|---|\n")
                .append("| ").append(figure(burst)).append(" | ")
                .append(perIteration(burstCounts.get("exchanges"), burst)).append(" | ")
                .append(perIteration(burstCounts.get("failedCallers"), burst)).append(" |\n");
        md.append("\n### Refresh under a slow IMS (2 s): filter latency\n\n")
                .append("| threads | window | p50 | p99 | p99.9 |\n|---|---|---|---|---|\n");
        for (int threads : new int[] {1, 2}) {
            for (String window : new String[] {"outsideRefresh", "duringRefresh"}) {
                Result<?> result = results.get("slow/" + threads + "/" + window);
                md.append("| ").append(threads).append(" | ")
                        .append(window.equals("duringRefresh") ? "during a renewal" : "fresh token").append(" | ")
                        .append(percentile(result, 50)).append(" | ").append(percentile(result, 99)).append(" | ")
                        .append(percentile(result, 99.9)).append(" |\n");
            }
        }
        for (int threads : new int[] {1, 2}) {
            md.append("\np99 during / p99 outside, ").append(threads).append(threads == 1 ? " thread: " : " threads: ")
                    .append(ratio(percentileValue(results.get("slow/" + threads + "/duringRefresh"), 99),
                            percentileValue(results.get("slow/" + threads + "/outsideRefresh"), 99)));
        }
        md.append("\n\n### Rolling restart: every instance's first token while IMS throttles (429, Retry-After: 1)\n\n")
                .append("Times as multiples of the ideal drain time (instances / IMS rate); one row per herd.\n\n")
                .append("| instances | ideal drain | p50 | p90 | slowest | throttled IMS calls per instance |"
                        + " first calls failed |\n|---|---|---|---|---|---|---|\n");
        for (RestartHerd.Outcome herd : herds) {
            md.append(herd.row()).append('\n');
        }
        md.append("\n");
        return md.toString();
    }

    private static String coldRow(String jvm, String step, Result<?> result, String share) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f | %s |%n", jvm, step,
                result.getStatistics().getN(), percentileValue(result, 50), percentileValue(result, 90),
                result.getStatistics().getMax(), share);
    }

    private static String percent(double part, double whole) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * part / whole);
    }

    /** The ratio of the scores, and the range it could be in given both error bars. */
    private static String ratioWithin(Result<?> numerator, Result<?> denominator) {
        double n = numerator.getScore();
        double d = denominator.getScore();
        double ne = Double.isNaN(numerator.getScoreError()) ? 0 : numerator.getScoreError();
        double de = Double.isNaN(denominator.getScoreError()) ? 0 : denominator.getScoreError();
        return String.format(Locale.ROOT, "**%.2f** (%.2f–%.2f)", n / d, (n - ne) / (d + de),
                d - de > 0 ? (n + ne) / (d - de) : Double.POSITIVE_INFINITY);
    }

    private static String figure(Result<?> result) {
        double error = result.getScoreError();
        return String.format(Locale.ROOT, Double.isNaN(error) ? "%,.0f %s" : "%,.0f ± %,.0f %s", result.getScore(),
                Double.isNaN(error) ? result.getScoreUnit() : error, result.getScoreUnit())
                .replace(" ± " + result.getScoreUnit(), " " + result.getScoreUnit());
    }

    /** An event counter of a single-shot benchmark: JMH sums it over the iterations (one burst each). */
    private static String perIteration(Result<?> count, Result<?> time) {
        if (count == null) {
            return "n/a";
        }
        long bursts = time.getStatistics().getN();
        return String.format(Locale.ROOT, "%.2f (%d bursts)", count.getScore() / bursts, bursts);
    }

    private static double percentileValue(Result<?> result, double percentile) {
        return result.getStatistics().getPercentile(percentile);
    }

    private static String percentile(Result<?> result, double percentile) {
        return String.format(Locale.ROOT, "%,.0f %s", percentileValue(result, percentile), result.getScoreUnit());
    }

    private static String ratio(double numerator, double denominator) {
        return String.format(Locale.ROOT, "%.2f", numerator / denominator);
    }
}

package io.github.aemclient.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each benchmark runs briefly and reports; speed is not judged here (BENCHMARKS.md is for that). */
class BenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsAndTheReportIsComplete() throws Exception {
        BenchmarkMain main = new BenchmarkMain(true);

        main.runAll();
        String report = main.report();

        for (String requests : BenchmarkMain.REQUESTS) {
            for (int threads : BenchmarkMain.THREADS) {
                assertThat(main.results()).containsKeys("peer/" + threads + "/" + requests + "/constantHeader",
                        "peer/" + threads + "/" + requests + "/googleAuth", "peer/" + threads + "/" + requests + "/aemClient",
                        "peer/" + threads + "/" + requests + "/clockThenConstantHeader");
            }
        }
        assertThat(main.results()).containsKeys("cold/firstHeader", "cold/readCredentials", "cold/readCredentialsAndSign",
                "warm/firstHeader", "warm/readCredentials", "warm/readCredentialsAndSign");
        assertThat(main.results()).containsKeys(
                "hot/1/constantHeader", "hot/1/aemClient", "hot/1/synchronizedProvider",
                "hot/2/aemClient", "hot/4/aemClient", "hot/4/synchronizedProvider",
                "e2e/constantHeader", "e2e/aemClient", "burst/burst", "slow/1/outsideRefresh", "slow/1/duringRefresh",
                "slow/2/outsideRefresh", "slow/2/duringRefresh");
        assertThat(main.results().values()).allSatisfy(r -> assertThat(r.getScore()).isPositive());
        assertThat(main.herds()).singleElement().satisfies(herd -> {
            assertThat(herd.failed()).isZero();
            assertThat(herd.firstTokenMillis()).hasSize(20);
            assertThat(herd.throttled()).as("a herd of 20 at 5/s is throttled").isPositive();
        });
        assertThat(report).contains("Rolling restart").contains("| 20 at 5/s |");
        assertThat(report).contains("Against a peer").contains("| fresh-request | 4 |").contains("Cold start")
                .contains("(signing ");
        assertThat(report).contains("Filter hot path").contains("Cold burst").contains("p99 during / p99 outside, 1 thread");
        System.out.println(report);
    }
}

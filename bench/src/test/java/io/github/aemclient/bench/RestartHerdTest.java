package io.github.aemclient.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A rolling restart must not fail first calls when IMS throttles: every instance asks for its first token
 * in the same second, IMS takes a few exchanges a second and answers the rest with 429 and
 * {@code Retry-After: 1}. Every first call is served within 20 s, and the herd thins out (fewer than three
 * throttled IMS calls per instance) instead of coming back in lock-step.
 */
class RestartHerdTest {

    @Test
    void fiftyInstancesAgainstAnImsTakingFiveExchangesASecond() {
        assertServed(RestartHerd.run(50, 5));
    }

    @Test
    void twoHundredInstancesAgainstAnImsTakingTwentyExchangesASecond() {
        assertServed(RestartHerd.run(200, 20));
    }

    private static void assertServed(RestartHerd.Outcome herd) {
        System.out.println(herd.row());
        assertThat(herd.failed()).as("first calls that failed").isZero();
        assertThat(herd.firstTokenMillis()).hasSize(herd.instances());
        assertThat(herd.firstTokenMillis()[herd.instances() - 1]).as("slowest first call, ms").isLessThan(20_000);
        assertThat(herd.throttledPerInstance()).as("throttled IMS calls per instance").isLessThan(3.0);
    }
}

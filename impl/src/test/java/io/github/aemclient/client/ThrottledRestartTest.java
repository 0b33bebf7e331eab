package io.github.aemclient.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.ImsException;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart: many instances (one environment each, in one JVM) ask IMS for their first token in
 * the same second, and IMS throttles with 429 and {@code Retry-After}. Every first call must be served,
 * within the retry budget, and the herd must thin out instead of coming back in lock-step.
 */
class ThrottledRestartTest {

    static final TestCredentials TEST = TestCredentials.generate();

    @TempDir
    Path dir;

    /** Time to each instance's first token, in ms, sorted; and how many IMS answers were 429s. */
    record Herd(long[] millis, int throttled) {
        long percentile(double p) {
            return millis[(int) Math.min(millis.length - 1, Math.ceil(p * millis.length) - 1)];
        }
    }

    Herd restart(int instances, int exchangesPerSecond) throws Exception {
        Path credentials = TEST.writeTo(dir.resolve("credentials-" + instances + ".json"));
        try (ImsStandIn ims = ImsStandIn.start().register(TEST).throttle(exchangesPerSecond)) {
            List<AemEnvironment> environments = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            try {
                for (int i = 0; i < instances; i++) {
                    environments.add(AemEnvironment.builder("pod-" + i).url("https://author.example.com")
                            .credentialsFile(credentials).imsUrl(ims.url().toString()).build());
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Long>> firstTokens = new ArrayList<>();
                for (AemEnvironment environment : environments) {
                    AccessTokenProvider tokens = environment.tokenProvider().orElseThrow();
                    firstTokens.add(pool.submit(() -> {
                        go.await();
                        long start = System.nanoTime();
                        tokens.getAccessToken();
                        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    }));
                }
                go.countDown();
                long[] millis = new long[instances];
                for (int i = 0; i < instances; i++) {
                    millis[i] = firstTokens.get(i).get(60, TimeUnit.SECONDS); // throws if a first call failed
                }
                Arrays.sort(millis);
                assertThat(ims.successfulExchanges()).isEqualTo(instances);
                return new Herd(millis, ims.throttled());
            } finally {
                pool.shutdownNow();
                environments.forEach(AemEnvironment::close);
            }
        }
    }

    @Test
    void fiftyInstancesAgainstAnImsTakingFiveExchangesASecondAreAllServedWithinTwentySeconds() throws Exception {
        Herd herd = restart(50, 5);

        System.out.printf("50 instances, IMS at 5/s: first token p50 %d ms, p90 %d ms, max %d ms;"
                + " %d throttled IMS calls (%.2f per instance)%n", herd.percentile(0.5), herd.percentile(0.9),
                herd.percentile(1.0), herd.throttled(), herd.throttled() / 50.0);
        assertThat(herd.percentile(1.0)).as("slowest first call, ms").isLessThan(20_000);
        assertThat(herd.throttled() / 50.0).as("throttled IMS calls per instance").isLessThan(3.0);
    }

    @Test
    void twoHundredInstancesAgainstAnImsTakingTwentyExchangesASecond() throws Exception {
        Herd herd = restart(200, 20);

        System.out.printf("200 instances, IMS at 20/s: first token p50 %d ms, p90 %d ms, max %d ms;"
                + " %d throttled IMS calls (%.2f per instance)%n", herd.percentile(0.5), herd.percentile(0.9),
                herd.percentile(1.0), herd.throttled(), herd.throttled() / 200.0);
        assertThat(herd.percentile(1.0)).as("slowest first call, ms").isLessThan(20_000);
        assertThat(herd.throttled() / 200.0).as("throttled IMS calls per instance").isLessThan(3.0);
    }

    @Test
    void aRetryAfterLongerThanTheBudgetStillFailsAtOnceWithTheClearMessage() {
        try (ImsStandIn ims = ImsStandIn.start().register(TEST);
                AemEnvironment author = AemEnvironment.builder("author").url("https://author.example.com")
                        .credentialsFile(TEST.writeTo(dir.resolve("credentials.json"))).imsUrl(ims.url().toString())
                        .build()) {
            ims.enqueue(Fault.error(429, "too_many_requests", "Too many requests").withRetryAfter("120"));
            long start = System.nanoTime();

            assertThatThrownBy(() -> author.tokenProvider().orElseThrow().getAccessToken())
                    .isInstanceOfSatisfying(ImsException.class, e -> assertThat(e.status()).isEqualTo(429))
                    .hasMessageContaining("gave up after 1 attempt; the next would start after the retry budget of"
                            + " 30000 ms (aem.author.retry-max-duration)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }
}

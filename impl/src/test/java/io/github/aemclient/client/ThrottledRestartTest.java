package io.github.aemclient.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.ImsException;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IMS throttling one environment's first call for longer than its retry budget: the call fails at once,
 * saying so. (A whole cluster throttled at once is measured and checked by the bench module's
 * {@code RestartHerdTest}.)
 */
class ThrottledRestartTest {

    static final TestCredentials TEST = TestCredentials.generate();

    @TempDir
    Path dir;

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

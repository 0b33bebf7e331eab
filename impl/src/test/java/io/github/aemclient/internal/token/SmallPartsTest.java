package io.github.aemclient.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.AemClientException;
import io.github.aemclient.ImsException;
import io.github.aemclient.ImsUnavailableException;
import java.io.IOException;
import io.github.aemclient.internal.credentials.OAuthCredentials;
import io.github.aemclient.internal.ims.ImsClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token package's small helpers, each with the behaviour the rest relies on. */
class SmallPartsTest {

    @Test
    void onlyImsAnswersAndUnavailabilityAreRetryable() {
        assertThat(RetryPolicy.isRetryable(new AemClientException("a configuration problem"))).isFalse();
        assertThat(RetryPolicy.isRetryable(new ImsUnavailableException("down", null))).isTrue();
        assertThat(RetryPolicy.isRetryable(new ImsException("x", 503, null, null))).isTrue();
        assertThat(RetryPolicy.isRetryable(new ImsException("x", 400, "invalid_client", null))).isFalse();
    }

    @Test
    void theThreadSleeperSleeps() throws InterruptedException {
        long start = System.nanoTime();

        Sleeper.threadSleep().sleep(Duration.ofMillis(50));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void anImsRefusalWithAddedContextKeepsEverythingElse() {
        IOException cause = new IOException("reset");
        ImsException original = new ImsException("refused", 429, "too_many_requests", "slow down", Duration.ofSeconds(3));
        original.initCause(cause);

        ImsException copy = ImsExceptions.withMessage(original, "refused (gave up)");
        ImsException withoutCause = ImsExceptions.withMessage(new ImsException("x", 500, null, null), "y");

        assertThat(copy).hasMessage("refused (gave up)").hasCause(cause);
        assertThat(copy.status()).isEqualTo(429);
        assertThat(copy.error()).contains("too_many_requests");
        assertThat(copy.errorDescription()).contains("slow down");
        assertThat(copy.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(withoutCause.getCause()).isNull();
    }

    @Test
    void anOAuthSourceShowsItsCredentialsWithoutTheSecret() {
        OAuthTokenSource source = new OAuthTokenSource(new OAuthCredentials("client-1", "p8e-s3cr3t",
                List.of("openid"), "aem.assets.client-secret"),
                new ImsClient(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                Clock.systemUTC());

        assertThat(source).hasToString("OAuthTokenSource[OAuthCredentials[clientId=client-1, scopes=openid, secret"
                + " from aem.assets.client-secret]]");
    }
}

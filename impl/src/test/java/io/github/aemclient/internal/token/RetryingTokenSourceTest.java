package io.github.aemclient.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.ImsException;
import io.github.aemclient.ImsUnavailableException;
import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.github.aemclient.internal.credentials.ServiceCredentialsReader;
import io.github.aemclient.internal.ims.ImsClient;
import io.github.aemclient.internal.jwt.JwtAssertionFactory;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.MutableClock;
import io.github.aemclient.testkit.TestCredentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries against the stand-in; waits move the shared clock instead of sleeping. */
class RetryingTokenSourceTest {

    static final TestCredentials TEST = TestCredentials.generate();
    static final ServiceCredentials CREDENTIALS = ServiceCredentialsReader.fromJson(TEST.json(), "test");

    final MutableClock clock = MutableClock.startingNow();
    final List<Duration> waits = new ArrayList<>();
    final Sleeper sleeper = duration -> {
        waits.add(duration);
        clock.advance(duration);
    };
    double random = 1.0;
    ImsStandIn ims;

    @BeforeEach
    void start() {
        ims = ImsStandIn.start().register(TEST).clock(clock);
    }

    @AfterEach
    void stop() {
        ims.close();
    }

    RetryingTokenSource source(RetryPolicy policy) {
        return new RetryingTokenSource("author", new ServiceTokenSource(CREDENTIALS,
                new JwtAssertionFactory(CREDENTIALS, clock, Duration.ofMinutes(5)),
                new ImsClient(ims.url(), Duration.ofSeconds(1), Duration.ofSeconds(2)), clock),
                policy, clock, sleeper, () -> random);
    }

    @Test
    void transientFailuresAreRetriedWithGrowingBackoff() {
        ims.enqueue(Fault.error(500, "internal_error", "Internal Server Error"), Fault.error(503, "x", "y"),
                Fault.body(502, "text/html", "<html>bad gateway</html>"));

        assertThat(source(RetryPolicy.defaults()).fetch().value()).isNotBlank();

        assertThat(ims.requests()).extracting(r -> r.status()).containsExactly(500, 503, 502, 200);
        assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void aRequestTimeout408IsRetriedLikeOtherTransientFailures() {
        ims.enqueue(Fault.error(408, "request_timeout", "Request Timeout"));

        assertThat(source(RetryPolicy.defaults()).fetch().value()).isNotBlank();

        assertThat(ims.requests()).extracting(r -> r.status()).containsExactly(408, 200);
        assertThat(waits).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void theRandomDrawScalesEachBackoff() {
        random = 0.5;
        ims.enqueue(Fault.error(500, "internal_error", "Internal Server Error"), Fault.error(503, "x", "y"));

        source(RetryPolicy.defaults()).fetch();

        assertThat(waits).containsExactly(Duration.ofMillis(125), Duration.ofMillis(250));
    }

    @Test
    void theJitterIsFullAndTheBackoffCapped() {
        random = 0.5;
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(policy.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(125));
        assertThat(policy.backoff(10, 1.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.backoff(40, 0.0)).isEqualTo(Duration.ZERO);
    }

    @Test
    void anOversizedAnswerIsRetriedOnlyAsItsStatusAllowsAndWithinTheAttempts() {
        ims.enqueue(Fault.largeBody(200, 1024 * 1024));

        assertThatThrownBy(() -> source(RetryPolicy.defaults()).fetch()).isInstanceOf(ImsException.class)
                .hasMessageContaining("larger than 65536 bytes");
        assertThat(ims.requests()).hasSize(1);

        ims.enqueue(Fault.largeBody(502, Long.MAX_VALUE), Fault.largeBody(502, Long.MAX_VALUE),
                Fault.largeBody(502, Long.MAX_VALUE), Fault.largeBody(502, Long.MAX_VALUE));

        assertThatThrownBy(() -> source(RetryPolicy.defaults()).fetch()).isInstanceOf(ImsException.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("larger than 65536 bytes")
                .hasMessageContaining("gave up after 4 attempts");
        assertThat(ims.requests()).hasSize(5);
    }

    @Test
    void droppedConnectionsAndTimeoutsAreRetried() {
        ims.enqueue(Fault.disconnect(), Fault.delay(Duration.ofSeconds(3)));

        assertThat(source(RetryPolicy.defaults()).fetch().value()).isNotBlank();

        assertThat(waits).hasSize(2);
        assertThat(ims.successfulExchanges()).isEqualTo(1);
    }

    @Test
    void retryAfterIsHonouredWithASpreadOnTop() {
        random = 0.0;
        ims.enqueue(Fault.error(429, "too_many_requests", "slow down").withRetryAfter("3"));
        source(RetryPolicy.defaults()).fetch();
        random = 0.5;
        ims.enqueue(Fault.error(429, "too_many_requests", "slow down").withRetryAfter("3"));
        source(RetryPolicy.defaults()).fetch();

        assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(4500));
    }

    @Test
    void throttlingIsWaitedOutWithinTheTimeBudgetWithoutUsingUpAttempts() {
        for (int i = 0; i < 6; i++) {
            ims.enqueue(Fault.error(429, "too_many_requests", "slow down").withRetryAfter("1"));
        }
        ims.enqueue(Fault.error(503, "temporarily_unavailable", "later").withRetryAfter("1"));

        assertThat(source(RetryPolicy.defaults()).fetch().value()).isNotBlank();

        assertThat(ims.requests()).hasSize(8);
        // Retry-After 1 s plus a spread doubling with each throttled answer in a row, capped at 4 s (random 1.0).
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void throttlingWithoutRetryAfterBacksOffAndTransientFailuresStillCountAttempts() {
        ims.enqueue(Fault.error(429, "too_many_requests", "slow down"), Fault.error(429, "too_many_requests", "x"),
                Fault.error(500, "internal_error", "a"), Fault.error(500, "internal_error", "b"),
                Fault.error(500, "internal_error", "c"), Fault.error(500, "internal_error", "d"));

        assertThatThrownBy(() -> source(RetryPolicy.defaults()).fetch()).isInstanceOf(ImsException.class)
                .hasMessageContaining("internal_error").hasMessageContaining("gave up after 6 attempts");
        assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(250),
                Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void aSpreadThatWouldOverrunTheBudgetIsCutToIt() {
        ims.enqueue(Fault.error(429, "too_many_requests", "slow down").withRetryAfter("2"));

        source(new RetryPolicy(4, Duration.ofMillis(3500))).fetch();

        assertThat(waits).containsExactly(Duration.ofMillis(3500));
    }

    @Test
    void aRetryAfterOfZeroStillWaits() {
        random = 0.0;
        ims.enqueue(Fault.error(429, "too_many_requests", "slow down").withRetryAfter("0"));

        source(RetryPolicy.defaults()).fetch();

        assertThat(waits).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void aRetryAfterBeyondTheBudgetFailsAtOnceWithImsError() {
        ims.enqueue(Fault.error(503, "temporarily_unavailable", "maintenance").withRetryAfter("120"));

        assertThatThrownBy(() -> source(RetryPolicy.defaults()).fetch())
                .isInstanceOfSatisfying(ImsException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.error()).contains("temporarily_unavailable");
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                })
                .hasMessageContaining("gave up after 1 attempt; the next would start after the retry budget of 30000 ms"
                        + " (aem.author.retry-max-duration)");
        assertThat(waits).isEmpty();
    }

    @Test
    void configurationErrorsAreNeverRetried() {
        for (String error : List.of("invalid_client", "invalid_token", "invalid_signature", "invalid_scope", "bad_request")) {
            ims.enqueue(Fault.error(400, error, "no"));
            int before = ims.requests().size();

            assertThatThrownBy(() -> source(RetryPolicy.defaults()).fetch())
                    .isInstanceOfSatisfying(ImsException.class, e -> assertThat(e.error()).contains(error))
                    .message().doesNotContain("gave up");
            assertThat(ims.requests()).hasSize(before + 1);
        }
        assertThat(waits).isEmpty();
    }

    @Test
    void attemptsAreBoundedAndTheLastErrorIsKept() {
        for (int i = 0; i < 4; i++) {
            ims.enqueue(Fault.error(500, "internal_error", "Internal Server Error"));
        }

        assertThatThrownBy(() -> source(RetryPolicy.defaults()).fetch())
                .isInstanceOfSatisfying(ImsException.class, e -> assertThat(e.error()).contains("internal_error"))
                .hasMessageContaining("gave up after 4 attempts in 1750 ms");
        assertThat(ims.requests()).hasSize(4);
    }

    @Test
    void theTotalTimeIsBounded() {
        random = 0.0;
        for (int i = 0; i < 10; i++) {
            ims.enqueue(Fault.error(503, "x", "y").withRetryAfter("2"));
        }

        assertThatThrownBy(() -> source(new RetryPolicy(10, Duration.ofSeconds(5))).fetch())
                .isInstanceOf(ImsException.class)
                .hasMessageContaining("gave up after 3 attempts; the next would start after the retry budget of 5000 ms");
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void anInterruptStopsRetryingAndIsKept() {
        ims.enqueue(Fault.error(500, "internal_error", "x"));
        RetryingTokenSource source = new RetryingTokenSource("author", new ServiceTokenSource(CREDENTIALS,
                new JwtAssertionFactory(CREDENTIALS, clock, Duration.ofMinutes(5)),
                new ImsClient(ims.url(), Duration.ofSeconds(1), Duration.ofSeconds(2)), clock),
                RetryPolicy.defaults(), clock, duration -> {
                    throw new InterruptedException();
                }, () -> 1.0);

        try {
            assertThatThrownBy(source::fetch).hasMessageContaining("then interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anUnreachableImsIsRetriedThenReportedAsUnavailable() {
        ims.close();

        assertThatThrownBy(() -> source(new RetryPolicy(2, Duration.ofSeconds(5))).fetch())
                .isInstanceOf(ImsUnavailableException.class)
                .hasMessageContaining("refused the connection (gave up after 2 attempts");
    }
}

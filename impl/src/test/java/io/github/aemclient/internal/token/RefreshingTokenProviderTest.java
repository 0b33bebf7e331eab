package io.github.aemclient.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.aemclient.AccessToken;
import io.github.aemclient.ImsException;
import io.github.aemclient.ImsUnavailableException;
import io.github.aemclient.support.ManualExecutor;
import io.github.aemclient.testkit.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The token lifecycle against the strict IMS stand-in, with the stand-in and the provider on one clock. */
class RefreshingTokenProviderTest extends ImsBackedTest {

    static final Duration LIFETIME = Duration.ofHours(1);

    final ManualExecutor background = new ManualExecutor();

    @Override
    Duration tokenLifetime() {
        return LIFETIME;
    }

    RefreshingTokenProvider provider(Executor executor, Duration maxWait) {
        return provider(executor, maxWait, Duration.ofSeconds(5));
    }

    RefreshingTokenProvider provider(Executor executor, Duration maxWait, Duration readTimeout) {
        return new RefreshingTokenProvider("author", source(readTimeout), clock, RefreshPolicy.defaults(), executor,
                maxWait);
    }

    /** Calls wait 5 s at most: a renewal that never ends fails the test in less than PIT's time limit. */
    RefreshingTokenProvider provider() {
        return provider(background, Duration.ofSeconds(5));
    }

    @Test
    void aFreshTokenIsReusedWithoutAnotherExchange() {
        RefreshingTokenProvider provider = provider();

        AccessToken first = provider.getAccessToken();
        for (int i = 0; i < 1000; i++) {
            assertThat(provider.getAccessToken()).isSameAs(first);
        }

        assertThat(ims.successfulExchanges()).isEqualTo(1);
        assertThat(first.expiresAt()).isEqualTo(clock.instant().plus(LIFETIME));
        assertThat(ims.principalOf(first.value())).contains(TEST.technicalAccountId());
        assertThat(provider.state()).isEqualTo(RefreshingTokenProvider.State.FRESH);
    }

    @Test
    void renewalStartsAtHalfLifeInTheBackgroundWhileTheCurrentTokenIsServed() {
        RefreshingTokenProvider provider = provider();
        AccessToken first = provider.getAccessToken();

        clock.advance(LIFETIME.dividedBy(2).minusSeconds(1));
        assertThat(provider.getAccessToken()).isSameAs(first);
        assertThat(background.pending()).isZero();

        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 50; i++) {
            assertThat(provider.getAccessToken()).isSameAs(first);
        }
        assertThat(provider.state()).isEqualTo(RefreshingTokenProvider.State.STALE);
        assertThat(background.pending()).as("one renewal however many callers").isEqualTo(1);
        assertThat(ims.successfulExchanges()).isEqualTo(1);

        background.runAll();
        AccessToken second = provider.getAccessToken();
        assertThat(second).isNotEqualTo(first);
        assertThat(second.expiresAt()).isEqualTo(clock.instant().plus(LIFETIME));
        assertThat(ims.successfulExchanges()).isEqualTo(2);
        assertThat(provider.state()).isEqualTo(RefreshingTokenProvider.State.FRESH);
    }

    @Test
    void anExpiredTokenIsNeverHandedOut() {
        RefreshingTokenProvider provider = provider();
        AccessToken first = provider.getAccessToken();

        // Within 5 minutes of expiry the token counts as expired: renewal is synchronous.
        clock.advance(LIFETIME.minusMinutes(5));
        assertThat(provider.state()).isEqualTo(RefreshingTokenProvider.State.EXPIRED);
        AccessToken next = provider.getAccessToken();

        assertThat(next).isNotEqualTo(first);
        assertThat(next.isExpiredAt(clock.instant())).isFalse();
        assertThat(background.pending()).isZero();
    }

    @Test
    void anExpiredTokenWithImsRefusingFailsWithImsErrorRatherThanServingIt() {
        RefreshingTokenProvider provider = provider();
        provider.getAccessToken();
        clock.advance(LIFETIME);
        ims.enqueue(Fault.error(400, "invalid_client", "invalid client_secret parameter"));

        assertThatThrownBy(provider::getAccessToken)
                .isInstanceOfSatisfying(ImsException.class, e -> assertThat(e.error()).contains("invalid_client"));
    }

    @Test
    void aFailedRenewalKeepsServingTheValidTokenAndRetriesAfterTheInterval() {
        RefreshingTokenProvider provider = provider();
        AccessToken first = provider.getAccessToken();
        clock.advance(LIFETIME.dividedBy(2));
        ims.enqueue(Fault.error(500, "internal_error", "Internal Server Error"));

        assertThat(provider.getAccessToken()).isSameAs(first);
        background.runAll(); // fails
        assertThat(provider.getAccessToken()).isSameAs(first);
        clock.advance(Duration.ofSeconds(29));
        assertThat(provider.getAccessToken()).isSameAs(first);
        assertThat(background.pending()).as("throttled after a failure").isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.getAccessToken()).isSameAs(first);
        assertThat(background.pending()).isEqualTo(1);
        background.runAll(); // succeeds

        assertThat(provider.getAccessToken()).isNotEqualTo(first);
        assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                .contains("Renewing the access token for environment 'author' failed; the current token stays in use")
                .contains("internal_error");
        assertThat(logs.messages(Level.INFO)).anySatisfy(m -> assertThat(m).contains("renewed after 1 failed attempt"));
    }

    @Test
    void aHundredThreadsOnAColdCacheCauseExactlyOneExchange() throws Exception {
        RefreshingTokenProvider provider = provider(Runnable::run, Duration.ofSeconds(10));
        ims.enqueue(Fault.delay(Duration.ofMillis(300)));
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<AccessToken>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return provider.getAccessToken();
                }));
            }
            go.countDown();
            Set<AccessToken> tokens = new HashSet<>();
            for (Future<AccessToken> result : results) {
                tokens.add(result.get(10, TimeUnit.SECONDS));
            }

            assertThat(tokens).hasSize(1);
            assertThat(ims.successfulExchanges()).isEqualTo(1);
            assertThat(ims.requests()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallerWaitsForAnotherThreadsRenewalNoLongerThanTheBound() throws Exception {
        RefreshingTokenProvider provider = provider(Runnable::run, Duration.ofMillis(200));
        ims.enqueue(Fault.delay(Duration.ofSeconds(2)));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<AccessToken> slow = pool.submit(provider::getAccessToken);
            while (ims.requests().isEmpty() && ims.pendingFaults() > 0) {
                Thread.onSpinWait();
            }
            long start = System.nanoTime();

            assertThatThrownBy(provider::getAccessToken)
                    .isInstanceOf(ImsUnavailableException.class)
                    .hasMessageContaining("No access token for environment 'author' within 200 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(slow.get(10, TimeUnit.SECONDS)).isNotNull();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidatingTheCurrentTokenFetchesANewOneButALateReportIsIgnored() {
        RefreshingTokenProvider provider = provider();
        AccessToken first = provider.getAccessToken();

        provider.invalidate(first);
        AccessToken second = provider.getAccessToken();
        provider.invalidate(first);

        assertThat(second).isNotEqualTo(first);
        assertThat(provider.getAccessToken()).isSameAs(second);
        assertThat(ims.successfulExchanges()).isEqualTo(2);
    }

    @Test
    void withoutAValidTokenARecentFailureIsAnsweredAtOnceWithoutAskingImsAgain() {
        RefreshingTokenProvider provider = provider();
        ims.enqueue(Fault.error(400, "invalid_client", "invalid client_secret parameter"));

        assertThatThrownBy(provider::getAccessToken).hasMessageContaining("invalid_client");
        assertThatThrownBy(provider::getAccessToken).hasMessageContaining("invalid_client");
        clock.advance(Duration.ofSeconds(4));
        assertThatThrownBy(provider::getAccessToken).hasMessageContaining("invalid_client");
        assertThat(ims.requests()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.getAccessToken()).isNotNull();
        assertThat(ims.requests()).hasSize(2);
    }

    @Test
    void anImsThatNeverAnswersDoesNotPileUpBlockedThreads() throws Exception {
        // IMS accepts the connection and stalls; the read timeout (1 s) ends the attempt.
        RefreshingTokenProvider provider = provider(Runnable::run, Duration.ofSeconds(2), Duration.ofSeconds(1));
        ims.enqueue(Fault.delay(Duration.ofSeconds(10)));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Long>> waits = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                waits.add(pool.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    try {
                        provider.getAccessToken();
                        return -1L;
                    } catch (RuntimeException expected) {
                        return System.nanoTime() - start;
                    }
                }));
            }
            go.countDown();
            for (Future<Long> wait : waits) {
                assertThat(Duration.ofNanos(wait.get(10, TimeUnit.SECONDS)))
                        .as("each caller fails, within the bound").isBetween(Duration.ZERO, Duration.ofMillis(2500));
            }
            // Later callers get the failure at once, still without a second request: well under the 1 s a new
            // attempt would wait (not tighter: a loaded machine, as in CI's mutation testing, may hold a thread up).
            long start = System.nanoTime();
            assertThatThrownBy(provider::getAccessToken).isInstanceOf(ImsUnavailableException.class)
                    .hasMessageContaining("did not answer within 1000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            assertThat(ims.received()).as("requests that reached IMS").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noSecretReachesLogsOrExceptions() {
        RefreshingTokenProvider provider = provider();
        AccessToken token = provider.getAccessToken();
        clock.advance(LIFETIME.dividedBy(2));
        ims.enqueue(Fault.body(400, "text/plain", "echo " + TEST.clientSecret()));
        provider.getAccessToken();
        background.runAll();
        provider.invalidate(token);
        clock.advance(LIFETIME);
        ims.enqueue(Fault.error(400, "invalid_client", "invalid client_secret parameter"));
        Throwable failure = catchThrowable(provider::getAccessToken);
        assertThat(failure).as("IMS refused: the call must fail").isInstanceOf(ImsException.class)
                .hasMessageContaining("invalid_client");
        String thrown = failure.toString();
        String keyLine = TEST.privateKeyPem().split("\r\n")[2];
        String assertion = ims.requests().get(0).form().get("jwt_token");

        assertThat(logs.all()).as("what was logged").contains("Renewing the access token for environment 'author' failed");
        assertThat(logs.all() + thrown + provider + token)
                .doesNotContain(TEST.clientSecret())
                .doesNotContain(keyLine)
                .doesNotContain(assertion)
                .doesNotContain(token.value());
    }
}

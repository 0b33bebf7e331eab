package io.github.aemclient.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.AccessToken;
import io.github.aemclient.support.ManualExecutor;
import io.github.aemclient.testkit.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * 401-driven renewals at their edges, found by a hostile review: each test states a promise of the README's
 * "Failure behaviour" section (or of the Javadoc) that a first implementation broke.
 */
class RejectionEdgeCasesTest extends ImsBackedTest {

    @Override
    Duration tokenLifetime() {
        return Duration.ofHours(24);
    }

    RefreshingTokenProvider provider(Duration unauthorizedRenewalInterval, Executor background) {
        return new RefreshingTokenProvider("author", source(Duration.ofSeconds(5)), clock,
                new RefreshPolicy(0.5, Duration.ofMinutes(5), Duration.ofSeconds(30), unauthorizedRenewalInterval),
                background, Duration.ofSeconds(20));
    }

    List<String> rejectionWarnings() {
        return logs.messages(Level.WARNING).stream().filter(m -> m.startsWith("AEM rejected")).toList();
    }

    /**
     * README: "That token ... is replaced: a new one is obtained before the request returns". Under
     * concurrency a caller can decide "rate limited" (tryRenewal false) after the first caller took the
     * slot but before it published its renewal in inFlight: that caller returns at once and keeps using the
     * rejected token (its request is not replayed) although a replacement is being fetched. This repeats
     * RejectedTokensTest.sixtyFourConcurrentRejectionsOfOneTokenCauseOneExchange many times over.
     */
    @Test
    void everyConcurrentCallerRejectingTheCurrentTokenGetsTheReplacement() throws Exception {
        int rounds = 60;
        int threads = 64;
        AtomicInteger keptRejected = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                RefreshingTokenProvider provider = provider(Duration.ofSeconds(30), new ManualExecutor());
                AccessToken first = provider.getAccessToken();
                ims.enqueue(Fault.delay(Duration.ofMillis(50)));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<AccessToken>> after = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    after.add(pool.submit(() -> {
                        go.await();
                        provider.invalidate(first);
                        return provider.getAccessToken();
                    }));
                }
                go.countDown();
                for (Future<AccessToken> token : after) {
                    if (token.get(10, TimeUnit.SECONDS).equals(first)) {
                        keptRejected.incrementAndGet();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(keptRejected.get()).as("callers (of %d) that returned from invalidate() with the rejected"
                + " token while its replacement was being fetched", rounds * threads).isZero();
    }

    /**
     * README: "One warning per episode (until a minute passes without a refusal)". With an
     * unauthorized-renewal-interval above one minute (allowed: 1s-1h), the episode bookkeeping (distinct
     * tokens first rejected in the last minute) empties while refusals go on, and from then on every 401
     * logs a WARNING, saying "AEM rejected 0 access token(s)".
     */
    @Test
    void aRefusalEverySecondWarnsOnceEvenWithAnIntervalAboveOneMinute() {
        RefreshingTokenProvider provider = provider(Duration.ofMinutes(5), new ManualExecutor());
        AccessToken first = provider.getAccessToken();
        provider.invalidate(first);
        AccessToken second = provider.getAccessToken();
        for (int i = 0; i < 120; i++) {
            clock.advance(Duration.ofSeconds(1));
            provider.invalidate(second);
        }

        assertThat(ims.requests()).hasSize(2);
        assertThat(rejectionWarnings()).as("warnings for one uninterrupted episode of refusals").hasSize(1);
        assertThat(rejectionWarnings()).noneMatch(m -> m.startsWith("AEM rejected 0 "));
    }

    /**
     * Same with the default interval (30 s) when the 401-driven renewals fail (IMS down while AEM refuses):
     * the rejected token stays in use (as promised), but no new token is ever rejected, so after a minute
     * every request logs a WARNING.
     */
    @Test
    void aRefusalEverySecondWarnsOnceWhenThe401DrivenRenewalsFail() {
        RefreshingTokenProvider provider = provider(Duration.ofSeconds(30), new ManualExecutor());
        AccessToken first = provider.getAccessToken();
        for (int i = 0; i < 10; i++) {
            ims.enqueue(Fault.error(503, "server_error", "Service Unavailable"));
        }
        for (int i = 0; i < 150; i++) {
            provider.invalidate(first);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(provider.getAccessToken()).as("the rejected token stays in use").isSameAs(first);
        assertThat(rejectionWarnings()).as("warnings for one uninterrupted episode of refusals").hasSize(1);
    }

    /**
     * The brief: log numbers must not be formatted with grouping separators. MessageFormat formats the
     * interval (a long) as "3,600" with the maximum allowed interval of 1 h.
     */
    @Test
    void theWarningPrintsTheIntervalWithoutAGroupingSeparator() {
        RefreshingTokenProvider provider = provider(Duration.ofHours(1), new ManualExecutor());
        AccessToken first = provider.getAccessToken();
        provider.invalidate(first);
        clock.advance(Duration.ofSeconds(1));
        provider.invalidate(provider.getAccessToken());

        assertThat(rejectionWarnings()).singleElement().asString().contains("at most once every 3600 s");
    }

    /**
     * README: while 401-driven renewals are held back "requests go out with the current token and you get
     * AEM's 401 at once — nobody waits for IMS". But when a background renewal happens to be in flight (a
     * stale token; IMS slow or retrying), invalidate() joins it regardless of the rate limit: every rejected
     * request then waits for IMS, up to maxWait (about 71 s with the defaults).
     */
    @Test
    void whileRenewalsAreHeldBackARejectedRequestDoesNotWaitForABackgroundRenewal() throws Exception {
        Executor thread = task -> new Thread(task, "background-renewal").start();
        RefreshingTokenProvider provider = provider(Duration.ofMinutes(5), thread);
        AccessToken first = provider.getAccessToken();
        clock.advance(Duration.ofHours(12).plusMinutes(1)); // stale
        ims.enqueue(Fault.error(503, "server_error", "Service Unavailable"));
        provider.invalidate(first); // AEM refuses it; the 401-driven renewal fails (IMS flaky): first stays
        assertThat(provider.getAccessToken()).isSameAs(first);
        clock.advance(Duration.ofSeconds(31)); // past refresh-retry-interval: a background renewal is due
        ims.enqueue(Fault.delay(Duration.ofSeconds(4)));
        int before = ims.received();
        assertThat(provider.getAccessToken()).isSameAs(first);
        while (ims.received() == before) {
            Thread.sleep(5); // the background renewal has reached (slow) IMS
        }

        long start = System.nanoTime();
        provider.invalidate(first); // AEM refuses the token again, 31 s after the last 401-driven renewal
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(waited).as("a rate-limited 401 waited for IMS").isLessThan(Duration.ofSeconds(1));
    }

    /**
     * README: an interrupted caller "alone gets an AemClientException ... it is not counted as an IMS failure,
     * and callers waiting for the same token start a new exchange". On the 401 path it is not alone: the
     * interrupted caller's invalidate() used up the rate limit's one renewal before its renewal was abandoned
     * (here: a pooled thread with a stale interrupt flag; equally a MicroProfile Fault Tolerance @Timeout
     * interrupting a request thread mid-exchange). Every other caller then keeps the revoked token and gets
     * AEM's 401 for the whole unauthorized-renewal-interval although IMS was never even asked.
     */
    @Test
    void anInterruptedCallersAbandoned401RenewalDoesNotHoldBackTheOthersRenewal() throws Exception {
        RefreshingTokenProvider provider = provider(Duration.ofSeconds(30), new ManualExecutor());
        AccessToken revoked = provider.getAccessToken();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> {
                Thread.currentThread().interrupt(); // stale flag of a pooled thread
                provider.invalidate(revoked);
                return Thread.interrupted();
            }).get(5, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ims.requests()).as("the interrupted caller did not reach IMS").hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        provider.invalidate(revoked); // the next request, on a healthy thread, is refused too

        assertThat(provider.getAccessToken()).as("the token after a healthy caller reported it rejected")
                .isNotEqualTo(revoked);
    }
}

package io.github.aemclient.internal.token;

import io.github.aemclient.internal.config.Settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AemClientException;
import io.github.aemclient.support.CapturedLogs;
import io.github.aemclient.support.ManualExecutor;
import io.github.aemclient.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provider against a token source that fails in ways IMS does not: bugs, odd tokens, interrupts hidden
 * in a cause. A scripted source here, because these are the provider's rules, not IMS's behaviour.
 */
class TokenSourceFailuresTest {

    final MutableClock clock = MutableClock.startingNow();
    final Deque<Supplier<AccessToken>> script = new ArrayDeque<>();
    final CapturedLogs logs = CapturedLogs.capture();
    int fetches;

    @AfterEach
    void stopLogging() {
        logs.close();
    }

    TokenSource scripted() {
        return () -> {
            fetches++;
            Supplier<AccessToken> next = script.poll();
            return next != null ? next.get() : token(Duration.ofHours(1));
        };
    }

    AccessToken token(Duration lifetime) {
        return new AccessToken("token-" + fetches, clock.instant(), clock.instant().plus(lifetime));
    }

    RefreshingTokenProvider provider() {
        return new RefreshingTokenProvider("author", scripted(), clock, RefreshPolicy.defaults(), new ManualExecutor(),
                Duration.ofSeconds(5));
    }

    @Test
    void aFailureThatIsNotTheLibrarysIsWrappedNamingTheEnvironment() {
        script.add(() -> {
            throw new IllegalStateException("a bug in a token source");
        });

        assertThatThrownBy(provider()::getAccessToken).isExactlyInstanceOf(AemClientException.class)
                .hasMessage("Obtaining an access token for environment 'author' failed:"
                        + " java.lang.IllegalStateException: a bug in a token source")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                .isEqualTo("Obtaining an access token for environment 'author' failed: a bug in a token source");
    }

    @Test
    void aTokenUsableOnlyUntilNowIsRefusedAsTooSoonToBeUsed() {
        // 10 s of life, a margin of a tenth: usable until exactly now.
        script.add(() -> new AccessToken("short", clock.instant().minusSeconds(9), clock.instant().plusSeconds(1)));

        assertThatThrownBy(provider()::getAccessToken).isInstanceOf(AemClientException.class)
                .hasMessageContaining("that expires at " + clock.instant().plusSeconds(1) + ", too soon to be used;"
                        + " check this machine's clock");
    }

    @Test
    void aTokenStillUsableForAMomentIsHandedOut() {
        // 11 s of life: usable until 0.9 s from now.
        script.add(() -> new AccessToken("short", clock.instant().minusSeconds(9), clock.instant().plusSeconds(2)));

        assertThat(provider().getAccessToken().value()).isEqualTo("short");
    }

    @Test
    void anInterruptHiddenInACauseIsStillTheCallersInterrupt() throws Exception {
        script.add(() -> {
            throw new AemClientException("I/O gave up", new InterruptedException("swallowed"));
        });
        RefreshingTokenProvider provider = provider();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> flagRestored = pool.submit(() -> {
                assertThatThrownBy(provider::getAccessToken)
                        .hasMessage("Interrupted while obtaining an access token for environment 'author'");
                return Thread.interrupted();
            });
            assertThat(flagRestored.get(5, TimeUnit.SECONDS)).as("interrupt flag restored").isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(provider.getAccessToken().value()).as("not recorded as a failure: no fail-fast").startsWith("token-");
        assertThat(logs.messages(Level.WARNING)).isEmpty();
    }

    @Test
    void aCallerInterruptedWhileWaitingForAnotherThreadsRenewalKeepsItsFlag() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CompletableFuture<AccessToken> release = new CompletableFuture<>();
        script.add(() -> {
            fetching.countDown();
            return release.join();
        });
        RefreshingTokenProvider provider = provider();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<AccessToken> renewing = pool.submit(provider::getAccessToken);
            fetching.await(5, TimeUnit.SECONDS);
            CompletableFuture<Thread> waiter = new CompletableFuture<>();
            Future<Boolean> interrupted = pool.submit(() -> {
                waiter.complete(Thread.currentThread());
                assertThatThrownBy(provider::getAccessToken)
                        .hasMessage("Interrupted while obtaining an access token for environment 'author'");
                return Thread.interrupted();
            });
            Thread waiting = waiter.get(5, TimeUnit.SECONDS);
            while (waiting.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            waiting.interrupt();

            assertThat(interrupted.get(5, TimeUnit.SECONDS)).as("interrupt flag kept").isTrue();
            release.complete(token(Duration.ofHours(1)));
            assertThat(renewing.get(5, TimeUnit.SECONDS).value()).startsWith("token-");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRenewalAfterFailuresSaysHowManyFailed() {
        ManualExecutor background = new ManualExecutor();
        RefreshingTokenProvider provider = new RefreshingTokenProvider("author", scripted(), clock,
                RefreshPolicy.defaults(), background, Duration.ofSeconds(5));
        AccessToken first = provider.getAccessToken();
        for (int i = 0; i < 3; i++) {
            script.add(() -> {
                throw new AemClientException("IMS is down");
            });
        }
        clock.advance(Duration.ofMinutes(30)); // stale
        for (int i = 0; i < 4; i++) {
            assertThat(provider.getAccessToken()).isSameAs(first);
            background.runAll();
            clock.advance(Settings.REFRESH_RETRY_INTERVAL.defaultOrFail());
        }

        assertThat(provider.getAccessToken()).isNotSameAs(first);
        assertThat(logs.messages(Level.INFO)).contains("Access token for environment 'author' renewed after 3 failed"
                + " attempt(s)");
        assertThat(logs.messages(Level.WARNING)).as("one warning for the whole episode").hasSize(1);
    }

    @Test
    void theStateFollowsTheTokensLife() {
        RefreshingTokenProvider provider = provider();
        assertThat(provider.state()).isEqualTo(RefreshingTokenProvider.State.EMPTY);

        provider.getAccessToken();
        assertThat(provider.state()).isEqualTo(RefreshingTokenProvider.State.FRESH);
        clock.advance(Duration.ofMinutes(30));
        assertThat(provider.state()).isEqualTo(RefreshingTokenProvider.State.STALE);
        clock.advance(Duration.ofMinutes(25)); // within the 5-minute expiry margin
        assertThat(provider.state()).isEqualTo(RefreshingTokenProvider.State.EXPIRED);
    }

    @Test
    void theColdCooldownIsTheRetryIntervalWhenThatIsShorter() {
        RefreshingTokenProvider provider = new RefreshingTokenProvider("author", scripted(), clock,
                new RefreshPolicy(0.5, Duration.ofMinutes(5), Duration.ofSeconds(2)), new ManualExecutor(),
                Duration.ofSeconds(5));
        script.add(() -> {
            throw new AemClientException("IMS is down");
        });
        assertThatThrownBy(provider::getAccessToken).hasMessage("IMS is down");

        clock.advance(Duration.ofMillis(1999));
        assertThatThrownBy(provider::getAccessToken).as("still cooling down").hasMessage("IMS is down");
        clock.advance(Duration.ofMillis(1));
        assertThat(provider.getAccessToken().value()).startsWith("token-");
        assertThat(fetches).isEqualTo(2);
    }

    @Test
    void theHeldStateCountsTheTokenUsableUntilTheMillisecondBeforeItsLimit() {
        RefreshingTokenProvider provider = provider();
        AccessToken token = provider.getAccessToken();
        Instant usableUntil = token.expiresAt().minus(Duration.ofMinutes(5)); // the default expiry margin

        clock.set(usableUntil.minusMillis(1));
        assertThat(provider.heldState().validUntil()).contains(token.expiresAt());
        clock.set(usableUntil);
        assertThat(provider.heldState().validUntil()).isEmpty();
    }

    @Test
    void aFailureOnceTheTokenIsNoLongerUsableDoesNotSayItStaysInUse() {
        RefreshingTokenProvider provider = provider();
        AccessToken token = provider.getAccessToken();
        clock.set(token.expiresAt().minus(Duration.ofMinutes(5))); // usable until exactly now: not any more
        script.add(() -> {
            throw new AemClientException("IMS is down");
        });

        assertThatThrownBy(provider::getAccessToken).hasMessage("IMS is down");
        assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                .isEqualTo("Obtaining an access token for environment 'author' failed: IMS is down");
    }

    @Test
    void anObtainedTokenIsLoggedAtDebugWithItsExpiry() {
        // the line the it suite's RenewalThreads reads to see which thread obtained a token
        AccessToken token = provider().getAccessToken();

        assertThat(logs.messages(Level.FINE))
                .contains("Access token for environment 'author' obtained, valid until " + token.expiresAt());
    }

    @Test
    void aClosedProviderRefusesReportsOfRejectedTokens() {
        RefreshingTokenProvider provider = provider();
        AccessToken token = provider.getAccessToken();
        provider.close();

        assertThatThrownBy(() -> provider.invalidate(token)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AEM environment 'author' is closed");
    }
}

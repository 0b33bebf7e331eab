package io.github.aemclient.internal.token;

import io.github.aemclient.internal.config.Settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AemClientException;
import io.github.aemclient.support.ManualExecutor;
import io.github.aemclient.testkit.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Renewals that never run or never finish for reasons other than IMS: an executor that refuses, drops or
 * never runs the task, and callers that are interrupted. None of them may wedge the environment.
 */
class StuckRenewalsTest extends ImsBackedTest {

    static final Duration LIFETIME = Duration.ofHours(1);
    /** Long enough that a test still waiting for it has failed. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    @Override
    Duration tokenLifetime() {
        return LIFETIME;
    }

    RefreshingTokenProvider provider(Executor background) {
        return new RefreshingTokenProvider("author", source(Duration.ofSeconds(5)), clock, RefreshPolicy.defaults(),
                background, MAX_WAIT);
    }

    /** Token obtained, then the clock at half-life (a background renewal is due) and one caller asking. */
    AccessToken staleWithRenewalHandedTo(RefreshingTokenProvider provider) {
        AccessToken first = provider.getAccessToken();
        clock.advance(LIFETIME.dividedBy(2));
        assertThat(provider.getAccessToken()).isSameAs(first);
        return first;
    }

    @Test
    void anExecutorThatThrowsAnErrorIsAFailedRenewalNotAStuckOne() {
        Executor noThreads = task -> {
            throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
        };
        RefreshingTokenProvider provider = provider(noThreads);
        AccessToken first = staleWithRenewalHandedTo(provider);

        assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                .contains("Renewing the access token for environment 'author' failed; the current token stays in use")
                .contains("could not be started").contains("unable to create native thread");
        clock.advance(LIFETIME.dividedBy(2));
        long start = System.nanoTime();
        AccessToken next = provider.getAccessToken();

        assertThat(next).isNotEqualTo(first);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRejectedTaskIsRetriedAfterTheRetryInterval() {
        List<Runnable> accepted = new ArrayList<>();
        AtomicReference<Boolean> full = new AtomicReference<>(true);
        Executor saturated = task -> {
            if (full.get()) {
                throw new RejectedExecutionException("queue full");
            }
            accepted.add(task);
        };
        RefreshingTokenProvider provider = provider(saturated);
        staleWithRenewalHandedTo(provider);
        full.set(false);

        provider.getAccessToken();
        assertThat(accepted).as("not before the retry interval").isEmpty();
        clock.advance(Settings.REFRESH_RETRY_INTERVAL.defaultOrFail());
        provider.getAccessToken();

        assertThat(accepted).hasSize(1);
    }

    @Test
    void aDroppedTaskIsTakenOverByTheFirstCallerThatNeedsAToken() {
        Executor dropsEverything = task -> { };
        RefreshingTokenProvider provider = provider(dropsEverything);
        AccessToken first = staleWithRenewalHandedTo(provider);

        clock.advance(LIFETIME.dividedBy(2).minusMinutes(5)); // within the expiry margin: a token is needed now
        long start = System.nanoTime();
        AccessToken next = provider.getAccessToken();

        assertThat(next).isNotEqualTo(first);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait for the dropped task")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(ims.successfulExchanges()).isEqualTo(2);
    }

    @Test
    void aTaskQueuedBehindLongJobsIsTakenOverAndDoesNothingWhenItFinallyRuns() {
        ManualExecutor queue = new ManualExecutor();
        RefreshingTokenProvider provider = provider(queue);
        AccessToken first = staleWithRenewalHandedTo(provider);
        assertThat(queue.pending()).isEqualTo(1);

        clock.advance(LIFETIME.dividedBy(2));
        AccessToken next = provider.getAccessToken();
        queue.runAll();

        assertThat(next).isNotEqualTo(first);
        assertThat(provider.getAccessToken()).isSameAs(next);
        assertThat(ims.successfulExchanges()).as("the late task did not exchange again").isEqualTo(2);
    }

    @Test
    void anInterruptedCallerFailsAloneAndTheOthersGetTheToken() throws Exception {
        RefreshingTokenProvider provider = provider(new ManualExecutor());
        ims.enqueue(Fault.delay(Duration.ofSeconds(3)));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
            AtomicReference<Thread> first = new AtomicReference<>();
            Future<Throwable> interrupted = pool.submit(() -> {
                first.set(Thread.currentThread());
                try {
                    provider.getAccessToken();
                    return null;
                } catch (RuntimeException e) {
                    interruptKept.complete(Thread.currentThread().isInterrupted());
                    return e;
                }
            });
            while (ims.received() == 0) {
                Thread.onSpinWait(); // the first caller's exchange is at IMS, which stalls for 3 s
            }
            List<Future<AccessToken>> others = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                others.add(pool.submit(provider::getAccessToken));
            }
            awaitWaiting(4, pool);
            first.get().interrupt();

            assertThat(interrupted.get(5, TimeUnit.SECONDS)).isInstanceOf(AemClientException.class)
                    .hasMessage("Interrupted while obtaining an access token for environment 'author'");
            assertThat(interruptKept.get(1, TimeUnit.SECONDS)).as("interrupt flag kept").isTrue();
            long start = System.nanoTime();
            for (Future<AccessToken> other : others) {
                assertThat(other.get(10, TimeUnit.SECONDS)).isNotNull();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a new exchange, not the stalled one")
                    .isLessThan(Duration.ofMillis(2500));
            assertThat(logs.messages(Level.WARNING)).as("not an IMS failure").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThreadWithAStaleInterruptFlagFailsAloneWithoutAskingIms() throws Exception {
        RefreshingTokenProvider provider = provider(new ManualExecutor());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> flagKept = pool.submit(() -> {
                Thread.currentThread().interrupt();
                assertThatThrownBy(provider::getAccessToken).isInstanceOf(AemClientException.class)
                        .hasMessageContaining("Interrupted while obtaining an access token for environment 'author'");
                return Thread.interrupted();
            });
            assertThat(flagKept.get(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(ims.received()).isZero();

        assertThat(provider.getAccessToken()).as("no failure recorded: no fail-fast").isNotNull();
        assertThat(logs.messages(Level.WARNING)).isEmpty();
    }

    /** Until {@code count} pool threads are parked waiting (for the renewal another thread runs). */
    static void awaitWaiting(int count, ExecutorService pool) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            long waiting = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.WAITING)
                    .filter(t -> Arrays.stream(t.getStackTrace())
                            .anyMatch(f -> f.getMethodName().equals("join")
                                    && f.getClassName().equals(RefreshingTokenProvider.class.getName())))
                    .count();
            if (waiting >= count) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("callers did not start waiting for the renewal");
    }
}

package io.github.aemclient.internal.token;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.AemClientException;
import io.github.aemclient.ImsUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns the lifecycle of one environment's access token: cached and reused while fresh; renewed in the
 * background once stale, while the still-valid token keeps being served; fetched synchronously only when
 * there is none or it has expired. At most one renewal is in flight however many threads ask, the fresh
 * path takes no lock, and an expired token is never handed out. A failed renewal never discards a token
 * that is still valid. While there is no valid token and the last attempt failed moments ago, callers
 * get that failure at once rather than queueing behind new attempts (no pile-up of blocked threads).
 *
 * <p>Two things can keep a renewal from finishing that are not IMS's fault, and neither may wedge the
 * environment. A background renewal the executor refuses, drops or never gets to is taken over by the
 * first caller that needs a token. A caller interrupted while it runs a renewal gets an exception and
 * keeps its interrupt flag; its renewal is abandoned without counting as an IMS failure, and the callers
 * waiting for it start another.
 */
public final class RefreshingTokenProvider implements AccessTokenProvider, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RefreshingTokenProvider.class.getName());
    /** Without a valid token, how long the last failure is answered before trying IMS again. */
    static final Duration MAX_COLD_COOLDOWN = Duration.ofSeconds(5);

    private final String environment;
    private final TokenSource source;
    private final Clock clock;
    private final RefreshPolicy policy;
    private final Executor backgroundExecutor;
    private final Duration maxWait;
    private final Duration coldCooldown;
    private final Rejections rejections;

    private final AtomicReference<Cached> cached = new AtomicReference<>();
    private final AtomicReference<Renewal> inFlight = new AtomicReference<>();
    /** Set after a failed renewal, cleared by the next success; guards the retry interval and logging. */
    private volatile Failure lastFailure;
    /** Read only off the fresh path: closing empties the cache, so every call reaches a check of this. */
    private volatile boolean closed;

    /**
     * @param backgroundExecutor runs renewals of stale tokens, so no caller waits for them
     * @param maxWait the longest a caller waits for a renewal another thread started
     */
    public RefreshingTokenProvider(String environment, TokenSource source, Clock clock, RefreshPolicy policy,
            Executor backgroundExecutor, Duration maxWait) {
        this.environment = Objects.requireNonNull(environment);
        this.source = Objects.requireNonNull(source);
        this.clock = Objects.requireNonNull(clock);
        this.policy = Objects.requireNonNull(policy);
        this.backgroundExecutor = Objects.requireNonNull(backgroundExecutor);
        this.maxWait = Objects.requireNonNull(maxWait);
        this.coldCooldown = RefreshPolicy.min(policy.retryInterval(), MAX_COLD_COOLDOWN);
        this.rejections = new Rejections(environment, policy.unauthorizedRenewalInterval());
    }

    @Override
    public AccessToken getAccessToken() {
        Cached current = cached.get();
        if (current != null) {
            // Plain millis: the fresh path reads one volatile and the clock, and allocates nothing.
            long now = clock.millis();
            if (now < current.refreshAtMillis) {
                return current.token;
            }
            if (now < current.usableUntilMillis) {
                // While a renewal runs, stale calls cost no more than fresh ones: no allocation, no CAS.
                if (inFlight.get() == null) {
                    renewInBackground(now);
                }
                return current.token;
            }
        }
        return awaitRenewal();
    }

    /**
     * The token held now if it may still be used, and the last failure unless a success came after it. A
     * health probe asks this often, so it never waits and never obtains a token itself; but without a
     * usable token after a failure, it starts a background renewal once the retry interval has passed (at
     * most one at a time): otherwise an instance taken out of service for having no token would get no
     * caller to obtain one, and never come back.
     */
    public TokenState heldState() {
        // In this order: a renewal clears the failure before it publishes the token (see renew).
        Cached current = cached.get();
        Failure failure = lastFailure;
        long now = clock.millis();
        boolean usable = current != null && now < current.usableUntilMillis;
        if (!usable && failure != null && inFlight.get() == null) {
            renewInBackground(now);
        }
        Optional<Instant> validUntil = usable ? Optional.of(current.token.expiresAt()) : Optional.empty();
        return failure == null ? new TokenState(validUntil, Optional.empty(), Optional.empty())
                : new TokenState(validUntil, Optional.of(failure.cause()), Optional.of(failure.at()));
    }

    /**
     * AEM rejected {@code token}. If it is the current token, a new one is obtained before this returns,
     * unless one was already obtained because of a rejection within {@link RefreshPolicy#unauthorizedRenewalInterval()}:
     * then nothing happens and nobody waits for IMS. If the renewal fails, the rejected token stays in use
     * while it is valid (AEM may have refused it by mistake; no token at all would be worse). A report about
     * any other token is ignored, so a late report never throws away a newer token.
     */
    @Override
    public void invalidate(AccessToken token) {
        requireOpen();
        Cached current = cached.get();
        if (current == null || !current.token.equals(token)) {
            return;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (rejections) {
            rejections.record(token, clock.millis());
        }
        while (true) {
            Renewal running;
            boolean ours = false;
            // Deciding and publishing are one step: a report of the same token arriving meanwhile finds the
            // renewal and joins it, instead of finding the interval used up and giving up on a replacement.
            synchronized (rejections) {
                running = inFlight.get();
                // Joining a renewal this token's rejection started is free; starting one, or waiting for one
                // running for another reason (the token is stale, say), takes the 401's chance to renew, and
                // without it nobody waits for IMS because of a 401.
                if (running == null || !token.equals(running.rejected)) {
                    Cached latest = cached.get();
                    if (running == null && (latest == null || !latest.token.equals(token))) {
                        return; // replaced meanwhile
                    }
                    if (!rejections.tryRenewal(clock.millis())) {
                        rejections.heldBack(lastFailure != null);
                        return;
                    }
                    if (running == null) {
                        Renewal mine = new Renewal(token);
                        if (!inFlight.compareAndSet(null, mine)) {
                            rejections.release();
                            continue;
                        }
                        running = mine;
                        ours = true;
                    }
                }
            }
            if (running.claim()) {
                renew(running);
            }
            try {
                join(running, deadline);
                return;
            } catch (AbandonedRenewal abandoned) {
                if (ours) {
                    synchronized (rejections) {
                        rejections.release(); // IMS was not asked: the chance is not used up
                    }
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            } catch (RuntimeException failed) {
                return; // recorded and logged by the renewal; the rejected token stays in use while valid
            }
        }
    }

    /** The current token's state, for tests; never blocks. */
    State state() {
        Cached current = cached.get();
        if (current == null) {
            return State.EMPTY;
        }
        long now = clock.millis();
        if (now < current.refreshAtMillis) {
            return State.FRESH;
        }
        return now < current.usableUntilMillis ? State.STALE : State.EXPIRED;
    }

    /** Lifecycle states of the cached token. */
    enum State { EMPTY, FRESH, STALE, EXPIRED }

    private void renewInBackground(long nowMillis) {
        if (closed) {
            return;
        }
        Failure failure = lastFailure;
        if (failure != null && nowMillis < failure.at.plus(policy.retryInterval()).toEpochMilli()) {
            return;
        }
        Renewal mine = new Renewal(null);
        if (!inFlight.compareAndSet(null, mine)) {
            return;
        }
        try {
            backgroundExecutor.execute(() -> {
                if (mine.claim()) {
                    renew(mine);
                }
            });
        } catch (Throwable notScheduled) {
            // RejectedExecutionException, or "OutOfMemoryError: unable to create native thread" from a
            // thread-per-task executor: a failed renewal like any other, retried after the retry interval.
            if (mine.claim()) {
                fail(mine, new AemClientException("The background renewal of the access token for environment '"
                        + environment + "' could not be started: " + notScheduled, notScheduled));
            }
        }
    }

    /**
     * Forgets the token and refuses every later call with an {@link IllegalStateException}; a renewal still
     * running publishes nothing. Closing twice is harmless.
     */
    @Override
    public void close() {
        closed = true;
        cached.set(null);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("AEM environment '" + environment + "' is closed: its token provider"
                    + " gives no more tokens");
        }
    }

    private AccessToken awaitRenewal() {
        requireOpen();
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            Renewal running = inFlight.get();
            if (running == null) {
                failFastAfterRecentFailure();
                Renewal mine = new Renewal(null);
                // Another thread's renewal, if it started one first: that one is joined.
                Renewal first = inFlight.compareAndExchange(null, mine);
                running = first == null ? mine : first;
            }
            if (running.claim()) {
                // Our own renewal, or a background one that has not started (its executor is saturated, dropped
                // it or has not got to it yet): this caller needs a token now, so it runs the renewal itself,
                // with no thread needed and its duration bounded by the IMS client's own timeouts.
                renew(running);
            }
            Cached renewed;
            try {
                renewed = join(running, deadline);
            } catch (AbandonedRenewal abandoned) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(abandoned.getCause());
                }
                continue; // its caller was interrupted: start another
            }
            if (clock.millis() < renewed.usableUntilMillis) {
                return renewed.token;
            }
            throw new AemClientException("IMS issued an access token for environment '" + environment
                    + "' that expires at " + renewed.token.expiresAt() + ", too soon to be used; check this"
                    + " machine's clock");
        }
    }

    private void failFastAfterRecentFailure() {
        Failure failure = lastFailure;
        if (failure == null) {
            return;
        }
        if (clock.instant().isBefore(failure.at().plus(coldCooldown))) {
            throw asClientException(failure.cause());
        }
    }

    /** A failure of the renewal as this library's exception: ours as they are, anything else wrapped. */
    private AemClientException asClientException(Throwable cause) {
        if (cause instanceof AemClientException ours) {
            return ours;
        }
        return new AemClientException("Obtaining an access token for environment '" + environment + "' failed: "
                + cause, cause);
    }

    private AemClientException interrupted(Throwable cause) {
        return new AemClientException("Interrupted while obtaining an access token for environment '" + environment
                + "'", cause);
    }

    /** @throws AbandonedRenewal when the renewal's caller was interrupted and nobody finished it */
    private Cached join(Renewal running, long deadlineNanos) {
        try {
            return running.result.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AbandonedRenewal abandoned) {
                throw abandoned;
            }
            throw asClientException(e.getCause());
        } catch (TimeoutException e) {
            throw new ImsUnavailableException("No access token for environment '" + environment + "' within "
                    + maxWait.toMillis() + " ms: the renewal in progress has not finished", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    private void renew(Renewal mine) {
        Cached renewed;
        try {
            if (Thread.currentThread().isInterrupted()) {
                // A pooled thread with a stale interrupt: an exchange it would abandon at once is not started.
                throw new AemClientException("The calling thread was interrupted");
            }
            AccessToken token = source.fetch();
            // Inside the try: whatever fails here must still end the renewal, or inFlight would stay set.
            renewed = new Cached(token, policy.refreshAt(token.obtainedAt(), token.expiresAt()).toEpochMilli(),
                    policy.usableUntil(token.obtainedAt(), token.expiresAt()).toEpochMilli());
        } catch (RuntimeException | Error e) {
            if (closed) {
                // Closed meanwhile: the exchange was cut short on purpose, not a failure to record or log.
                end(mine, closedDuring(e));
                return;
            }
            if (isInterruption(e)) {
                // The caller's interrupt, not IMS's failure: nothing recorded, and whoever waits starts anew.
                end(mine, new AbandonedRenewal(e));
            } else {
                fail(mine, e);
            }
            return;
        }
        // The failure is cleared before the token is published: heldState() reads the token first, so it
        // never sees the new token together with the failure it ends.
        Failure failure = lastFailure;
        lastFailure = null;
        // Publish the token before clearing inFlight, so no thread sees "stale and nothing running"
        // in between and starts a second renewal; but never after close, and withdrawn if close came meanwhile:
        // the token must not outlive the environment.
        if (!closed) {
            cached.set(renewed);
        }
        if (closed) {
            cached.set(null);
            end(mine, closedDuring(null));
            return;
        }
        if (failure != null) {
            LOG.log(Level.INFO, "Access token for environment ''{0}'' renewed after {1} failed attempt(s)",
                    environment, Integer.toString(failure.attempts));
        } else {
            LOG.log(Level.DEBUG, "Access token for environment ''{0}'' obtained, valid until {1}", environment,
                    renewed.token().expiresAt());
        }
        inFlight.compareAndSet(mine, null);
        mine.result.complete(renewed);
    }

    private void fail(Renewal mine, Throwable e) {
        recordFailure(e);
        end(mine, e);
    }

    /** Ends a renewal without a token: no longer in flight, and whoever waits for it learns why. */
    private void end(Renewal mine, Throwable outcome) {
        inFlight.compareAndSet(mine, null);
        mine.result.completeExceptionally(outcome);
    }

    /** What waiters for a renewal cut short by {@link #close()} learn. */
    private IllegalStateException closedDuring(Throwable cause) {
        return new IllegalStateException("AEM environment '" + environment + "' was closed", cause);
    }

    private static boolean isInterruption(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // whoever caught it did not restore the flag
                return true;
            }
        }
        return false;
    }

    private void recordFailure(Throwable e) {
        Failure previous = lastFailure;
        lastFailure = new Failure(clock.instant(), previous == null ? 1 : previous.attempts + 1, e);
        if (previous != null) {
            return; // one log line per failure episode, not per attempt
        }
        Cached current = cached.get();
        if (current != null && clock.millis() < current.usableUntilMillis) {
            LOG.log(Level.WARNING, "Renewing the access token for environment ''{0}'' failed; the current token"
                    + " stays in use until {1}. Cause: {2}", environment,
                    Instant.ofEpochMilli(current.usableUntilMillis), e.getMessage());
        } else {
            LOG.log(Level.WARNING, "Obtaining an access token for environment ''{0}'' failed: {1}", environment,
                    e.getMessage());
        }
    }

    private record Cached(AccessToken token, long refreshAtMillis, long usableUntilMillis) {
    }

    private record Failure(Instant at, int attempts, Throwable cause) {
    }

    /**
     * One renewal, run once: by the background task or by a caller that needs a token, whichever claims it
     * first, so a task the executor never runs cannot leave the environment waiting forever.
     */
    private static final class Renewal {
        final CompletableFuture<Cached> result = new CompletableFuture<>();
        /** The token whose rejection by AEM started this renewal; null for a renewal for any other reason. */
        final AccessToken rejected;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Renewal(AccessToken rejected) {
            this.rejected = rejected;
        }

        boolean claim() {
            return !claimed.get() && claimed.compareAndSet(false, true);
        }
    }

    /** A renewal given up because its caller was interrupted; never reaches a caller. */
    private static final class AbandonedRenewal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AbandonedRenewal(Throwable cause) {
            super(null, cause, false, false);
        }
    }
}

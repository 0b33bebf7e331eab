package io.github.aemclient.token;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.AemClientException;
import io.github.aemclient.ImsUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns the lifecycle of one environment's access token: cached and reused while fresh; renewed in the
 * background once stale, while the still-valid token keeps being served; fetched synchronously only when
 * there is none or it has expired. At most one renewal is in flight however many threads ask, the fresh
 * path takes no lock, and an expired token is never handed out. A failed renewal never discards a token
 * that is still valid. While there is no valid token and the last attempt failed moments ago, callers
 * get that failure at once rather than queueing behind new attempts (no pile-up of blocked threads).
 */
public final class RefreshingTokenProvider implements AccessTokenProvider {

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

    private final AtomicReference<Cached> cached = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Cached>> inFlight = new AtomicReference<>();
    /** Set after a failed renewal, cleared by the next success; guards the retry interval and logging. */
    private volatile Failure lastFailure;

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
        this.coldCooldown = policy.retryInterval().compareTo(MAX_COLD_COOLDOWN) < 0 ? policy.retryInterval()
                : MAX_COLD_COOLDOWN;
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

    @Override
    public void invalidate(AccessToken token) {
        Cached current = cached.get();
        if (current != null && current.token.equals(token) && cached.compareAndSet(current, null)) {
            LOG.log(Level.INFO, "AEM rejected the access token for environment ''{0}''; a new one will be obtained",
                    environment);
        }
    }

    /** The current token's state, for health checks and tests; never blocks. */
    public State state() {
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
    public enum State { EMPTY, FRESH, STALE, EXPIRED }

    private void renewInBackground(long nowMillis) {
        Failure failure = lastFailure;
        if (failure != null && nowMillis < failure.at.plus(policy.retryInterval()).toEpochMilli()) {
            return;
        }
        CompletableFuture<Cached> mine = new CompletableFuture<>();
        if (!inFlight.compareAndSet(null, mine)) {
            return;
        }
        try {
            backgroundExecutor.execute(() -> renew(mine));
        } catch (RuntimeException rejected) {
            inFlight.set(null);
            mine.completeExceptionally(rejected);
            LOG.log(Level.WARNING, "Could not start the background renewal of the access token for environment ''"
                    + environment + "''", rejected);
        }
    }

    private AccessToken awaitRenewal() {
        while (true) {
            CompletableFuture<Cached> running = inFlight.get();
            if (running == null) {
                failFastAfterRecentFailure();
                CompletableFuture<Cached> mine = new CompletableFuture<>();
                if (!inFlight.compareAndSet(null, mine)) {
                    continue;
                }
                // The caller that starts a synchronous renewal runs it itself: no thread is needed, and its
                // duration is bounded by the IMS client's own timeouts.
                renew(mine);
                running = mine;
            }
            Cached renewed = join(running);
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
        if (cause instanceof AemClientException) {
            return (AemClientException) cause;
        }
        return new AemClientException("Obtaining an access token for environment '" + environment + "' failed: "
                + cause, cause);
    }

    private Cached join(CompletableFuture<Cached> running) {
        try {
            return running.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw asClientException(e.getCause());
        } catch (TimeoutException e) {
            throw new ImsUnavailableException("No access token for environment '" + environment + "' within "
                    + maxWait.toMillis() + " ms: the renewal in progress has not finished", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AemClientException("Interrupted while waiting for an access token for environment '"
                    + environment + "'", e);
        }
    }

    private void renew(CompletableFuture<Cached> mine) {
        try {
            AccessToken token = source.fetch();
            Cached renewed = new Cached(token, policy.refreshAt(token.obtainedAt(), token.expiresAt()).toEpochMilli(),
                    policy.usableUntil(token.obtainedAt(), token.expiresAt()).toEpochMilli());
            // Publish the token before clearing inFlight, so no thread sees "stale and nothing running"
            // in between and starts a second renewal.
            cached.set(renewed);
            if (lastFailure != null) {
                LOG.log(Level.INFO, "Access token for environment ''{0}'' renewed after {1} failed attempt(s)",
                        environment, lastFailure.attempts);
            }
            lastFailure = null;
            inFlight.set(null);
            mine.complete(renewed);
        } catch (RuntimeException | Error e) {
            recordFailure(e);
            inFlight.set(null);
            mine.completeExceptionally(e);
        }
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
}

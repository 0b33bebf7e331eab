package io.github.aemclient.internal.token;

import io.github.aemclient.internal.config.Settings;
import io.github.aemclient.AemClientException;
import io.github.aemclient.ImsException;
import io.github.aemclient.ImsUnavailableException;
import io.github.aemclient.internal.ims.ImsTlsException;
import java.time.Duration;
import java.util.Objects;

/**
 * Which IMS failures are retried, how often and for how long. Transient failures — IMS unreachable or
 * timing out, HTTP 5xx, 408 — are retried with exponential backoff and full jitter, at most
 * {@code maxAttempts} times. Throttling — a 429, or any transient failure that comes with a
 * {@code Retry-After} — is waited out instead: IMS said when to come back, so it does not use up attempts,
 * only the time budget, and the wait is the server's plus a spread that grows with each throttled answer in
 * a row, so that a cluster throttled all at once comes back spread out rather than in lock-step.
 * Everything ends within {@code maxDuration}; configuration errors ({@code invalid_client},
 * {@code invalid_token}, ...) are never retried.
 */
public final class RetryPolicy {

    static final Duration INITIAL_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    static final Duration MIN_THROTTLE_SPREAD = Duration.ofSeconds(1);
    static final int MAX_THROTTLE_SPREAD_FACTOR = 4;

    private final int maxAttempts;
    private final Duration maxDuration;

    public RetryPolicy(int maxAttempts, Duration maxDuration) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.maxDuration = Objects.requireNonNull(maxDuration);
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(Settings.RETRY_MAX_ATTEMPTS.defaultOrFail(), Settings.RETRY_MAX_DURATION.defaultOrFail());
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The most time one token acquisition may spend on retries (waits included). */
    public Duration maxDuration() {
        return maxDuration;
    }

    static boolean isRetryable(AemClientException e) {
        if (e instanceof ImsTlsException) {
            // An untrusted certificate or a failed handshake is the same on every attempt.
            return false;
        }
        if (e instanceof ImsUnavailableException) {
            return true;
        }
        if (e instanceof ImsException ims) {
            int status = ims.status();
            return status >= 500 || status == 408 || status == 429;
        }
        return false;
    }

    /** IMS asked this client to slow down: 429, or a transient failure with a {@code Retry-After}. */
    static boolean isThrottling(AemClientException e) {
        return e instanceof ImsException ims && isRetryable(e) && (ims.status() == 429 || ims.retryAfter().isPresent());
    }

    /**
     * The wait after the {@code throttles}-th throttled answer in a row: the server's {@code Retry-After}
     * (at least 250 ms), plus a uniformly random spread of up to {@code base · 2^(throttles-1)}, capped at
     * four times the base, where the base is the {@code Retry-After} or at least 1 s. Without a
     * {@code Retry-After}, the usual backoff.
     */
    Duration throttledWait(int throttles, Duration retryAfter, double random) {
        if (retryAfter == null) {
            return backoff(throttles, random);
        }
        long base = Math.max(retryAfter.toMillis(), MIN_THROTTLE_SPREAD.toMillis());
        long spread = Math.min(base * MAX_THROTTLE_SPREAD_FACTOR, base << Math.min(throttles - 1, 20));
        return Duration.ofMillis(Math.max(retryAfter.toMillis(), INITIAL_BACKOFF.toMillis()) + (long) (spread * random));
    }

    /** Full jitter: a uniformly random wait up to 250 ms · 2^(failures-1), capped at 5 s. */
    Duration backoff(int failures, double random) {
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), INITIAL_BACKOFF.toMillis() << Math.min(failures - 1, 20));
        return Duration.ofMillis((long) (ceiling * random));
    }
}

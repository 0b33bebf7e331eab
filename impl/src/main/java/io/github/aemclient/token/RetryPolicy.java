package io.github.aemclient.token;

import io.github.aemclient.AemClientException;
import io.github.aemclient.ImsException;
import io.github.aemclient.ImsUnavailableException;
import java.time.Duration;
import java.util.Objects;

/**
 * Which IMS failures are retried, how often and for how long. Transient failures — IMS unreachable or
 * timing out, HTTP 5xx, 408, 429 — are retried with exponential backoff and full jitter, or after the
 * {@code Retry-After} IMS asked for; configuration errors ({@code invalid_client}, {@code invalid_token},
 * ...) never are.
 */
public final class RetryPolicy {

    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(30);
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

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
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_DURATION);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The most time one token acquisition may spend on retries (waits included). */
    public Duration maxDuration() {
        return maxDuration;
    }

    public static boolean isRetryable(AemClientException e) {
        if (e instanceof ImsUnavailableException) {
            return true;
        }
        if (e instanceof ImsException) {
            int status = ((ImsException) e).status();
            return status >= 500 || status == 408 || status == 429;
        }
        return false;
    }

    /** Full jitter: a uniformly random wait up to 250 ms · 2^(failures-1), capped at 5 s. */
    Duration backoff(int failures, double random) {
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), INITIAL_BACKOFF.toMillis() << Math.min(failures - 1, 20));
        return Duration.ofMillis((long) (ceiling * random));
    }
}

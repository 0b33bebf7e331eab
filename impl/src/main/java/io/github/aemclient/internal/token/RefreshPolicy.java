package io.github.aemclient.internal.token;

import io.github.aemclient.internal.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * When a token is due for renewal, and until when it may still be handed out.
 *
 * <p>A token is <em>fresh</em> until {@code obtainedAt + lifetime * refreshRatio}, then <em>stale</em>
 * (still handed out while a renewal runs in the background) until {@code expiresAt - margin}, then
 * <em>expired</em>. The margin is {@code expiryMargin}, but never more than a tenth of the lifetime, so
 * short-lived tokens (tests, stand-ins) stay usable.
 */
public final class RefreshPolicy {

    private final double refreshRatio;
    private final Duration expiryMargin;
    private final Duration retryInterval;
    private final Duration unauthorizedRenewalInterval;

    RefreshPolicy(double refreshRatio, Duration expiryMargin, Duration retryInterval) {
        this(refreshRatio, expiryMargin, retryInterval, Settings.UNAUTHORIZED_RENEWAL_INTERVAL.defaultOrFail());
    }

    /**
     * @param unauthorizedRenewalInterval the least time between two renewals caused by AEM rejecting a token
     */
    public RefreshPolicy(double refreshRatio, Duration expiryMargin, Duration retryInterval,
            Duration unauthorizedRenewalInterval) {
        if (!(refreshRatio > 0 && refreshRatio < 1)) {
            throw new IllegalArgumentException("refreshRatio must be between 0 and 1 (exclusive)");
        }
        this.refreshRatio = refreshRatio;
        this.expiryMargin = Objects.requireNonNull(expiryMargin);
        this.retryInterval = Objects.requireNonNull(retryInterval);
        this.unauthorizedRenewalInterval = Objects.requireNonNull(unauthorizedRenewalInterval);
    }

    public static RefreshPolicy defaults() {
        return new RefreshPolicy(Settings.REFRESH_RATIO.defaultOrFail(), Settings.EXPIRY_MARGIN.defaultOrFail(),
                Settings.REFRESH_RETRY_INTERVAL.defaultOrFail(), Settings.UNAUTHORIZED_RENEWAL_INTERVAL.defaultOrFail());
    }

    /**
     * The least time between two renewals caused by AEM answering 401: when AEM rejects every token (the
     * credentials are not authorized for it), this is what keeps each request from becoming an IMS exchange.
     */
    Duration unauthorizedRenewalInterval() {
        return unauthorizedRenewalInterval;
    }

    /** After a failed background renewal, how long to wait before trying again. */
    public Duration retryInterval() {
        return retryInterval;
    }

    Instant usableUntil(Instant obtainedAt, Instant expiresAt) {
        Duration lifetime = Duration.between(obtainedAt, expiresAt);
        Duration margin = min(expiryMargin, lifetime.dividedBy(10));
        return expiresAt.minus(margin);
    }

    Instant refreshAt(Instant obtainedAt, Instant expiresAt) {
        Duration lifetime = Duration.between(obtainedAt, expiresAt);
        Instant byRatio = obtainedAt.plusMillis((long) (lifetime.toMillis() * refreshRatio));
        Instant usableUntil = usableUntil(obtainedAt, expiresAt);
        return byRatio.isBefore(usableUntil) ? byRatio : usableUntil;
    }

    /** Without a comparison of its own: which of two equal durations it returns cannot matter. */
    static Duration min(Duration a, Duration b) {
        return Collections.min(List.of(a, b));
    }
}

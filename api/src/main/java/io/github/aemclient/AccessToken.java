package io.github.aemclient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for AEM and the instant it stops being valid.
 *
 * <p>Immutable, and so safe to share between threads. {@link #toString()} never shows the token value,
 * so an {@code AccessToken} is safe to log; {@link #equals(Object)} compares values in constant time.
 */
public final class AccessToken {

    private final String value;
    private final Instant obtainedAt;
    private final Instant expiresAt;

    /**
     * A token as it was obtained.
     *
     * @param value the bearer token itself, not blank
     * @param obtainedAt when it was obtained (for a developer token: when it was created)
     * @param expiresAt when it stops being valid, not before {@code obtainedAt}
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code value} is blank or {@code expiresAt} is before
     *         {@code obtainedAt}
     */
    public AccessToken(String value, Instant obtainedAt, Instant expiresAt) {
        this.value = Objects.requireNonNull(value, "value");
        this.obtainedAt = Objects.requireNonNull(obtainedAt, "obtainedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        if (value.isBlank()) {
            throw new IllegalArgumentException("An access token value must not be blank");
        }
        if (expiresAt.isBefore(obtainedAt)) {
            throw new IllegalArgumentException("An access token cannot expire (" + expiresAt
                    + ") before it was obtained (" + obtainedAt + ")");
        }
    }

    /** {@return the value to send as {@code Authorization: Bearer <value>}} Treat it as a secret. */
    public String value() {
        return value;
    }

    /** {@return when this token was obtained} For a developer token: when it was created. */
    public Instant obtainedAt() {
        return obtainedAt;
    }

    /** {@return when AEM stops accepting this token} */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * {@return whether this token is no longer valid at {@code instant}} True from {@link #expiresAt()} on.
     *
     * @param instant the time to check
     */
    public boolean isExpiredAt(Instant instant) {
        return !instant.isBefore(expiresAt);
    }

    /**
     * {@return whether {@code other} is a token with the same value and expiry} The instant it was obtained
     * does not count.
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof AccessToken that)) {
            return false;
        }
        // Constant-time comparison: token values are secrets.
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8))
                && expiresAt.equals(that.expiresAt);
    }

    /** {@return a hash of the expiry only} The value, a secret, is left out. */
    @Override
    public int hashCode() {
        return expiresAt.hashCode();
    }

    /** {@return the instants, with the value redacted} */
    @Override
    public String toString() {
        return "AccessToken[value=<redacted>, obtainedAt=" + obtainedAt + ", expiresAt=" + expiresAt + "]";
    }
}

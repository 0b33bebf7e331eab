package io.github.aemclient;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for AEM and the instant it stops being valid.
 *
 * <p>{@link #toString()} never shows the token value, so an {@code AccessToken} is safe to log.
 */
public final class AccessToken {

    private final String value;
    private final Instant obtainedAt;
    private final Instant expiresAt;

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

    /** The value to send as {@code Authorization: Bearer <value>}. Treat it as a secret. */
    public String value() {
        return value;
    }

    /** When this token was obtained (for a developer token: when it was created). */
    public Instant obtainedAt() {
        return obtainedAt;
    }

    /** When AEM stops accepting this token. */
    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean isExpiredAt(Instant instant) {
        return !instant.isBefore(expiresAt);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof AccessToken)) {
            return false;
        }
        AccessToken that = (AccessToken) other;
        // Constant-time comparison: token values are secrets.
        return MessageDigest.isEqual(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                that.value.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                && expiresAt.equals(that.expiresAt);
    }

    @Override
    public int hashCode() {
        return expiresAt.hashCode();
    }

    @Override
    public String toString() {
        return "AccessToken[value=<redacted>, obtainedAt=" + obtainedAt + ", expiresAt=" + expiresAt + "]";
    }
}

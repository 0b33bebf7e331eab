package io.github.aemclient;

import java.time.Instant;

/**
 * The configured token (a local development token) has expired and cannot be renewed by this library:
 * a new one must be downloaded from the AEM Developer Console.
 */
public class TokenExpiredException extends AemClientException {

    private static final long serialVersionUID = 1L;

    private final Instant expiredAt;

    public TokenExpiredException(String message, Instant expiredAt) {
        super(message);
        this.expiredAt = expiredAt;
    }

    public Instant expiredAt() {
        return expiredAt;
    }
}

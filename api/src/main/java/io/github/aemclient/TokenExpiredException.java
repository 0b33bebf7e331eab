package io.github.aemclient;

import java.time.Instant;

/**
 * The configured token (a local development token) has expired and cannot be renewed by this library:
 * a new one must be downloaded from the AEM Developer Console.
 */
public class TokenExpiredException extends AemClientException {

    private static final long serialVersionUID = 1L;

    /** When the token expired. */
    private final Instant expiredAt;

    /**
     * An exception for a token that expired.
     *
     * @param message what expired and what to do, without the token
     * @param expiredAt when the token expired
     */
    public TokenExpiredException(String message, Instant expiredAt) {
        super(message);
        this.expiredAt = expiredAt;
    }

    /** {@return when the token expired} */
    public Instant expiredAt() {
        return expiredAt;
    }
}

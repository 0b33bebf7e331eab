package io.github.aemclient.internal.ims;

import io.github.aemclient.ImsUnavailableException;

/**
 * IMS could not be reached because TLS failed: its certificate is not trusted, or the handshake failed.
 * Callers see an {@link ImsUnavailableException}; it is not retried, since every attempt fails the same way.
 */
public final class ImsTlsException extends ImsUnavailableException {
    private static final long serialVersionUID = 1L;

    ImsTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}

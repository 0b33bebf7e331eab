package io.github.aemclient;

/**
 * Base of every exception this library throws: unchecked, since a caller can rarely do more than report it.
 * Messages never contain secrets (token values, client secrets, private keys, passwords).
 */
public class AemClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception without a cause.
     *
     * @param message what went wrong, without secrets
     */
    public AemClientException(String message) {
        super(message);
    }

    /**
     * An exception with a cause.
     *
     * @param message what went wrong, without secrets
     * @param cause the underlying failure, or null
     */
    public AemClientException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.github.aemclient;

import java.time.Duration;
import java.util.Optional;

/**
 * Adobe IMS answered the token exchange with an error, e.g. HTTP 400
 * {@code {"error":"invalid_client","error_description":"invalid client_secret parameter"}}.
 * {@link #isConfigurationError()} tells whether retrying can help.
 */
public class ImsException extends AemClientException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status IMS answered with. */
    private final int status;
    /** IMS's {@code error} code, or null. */
    private final String error;
    /** IMS's {@code error_description}, or null. */
    private final String errorDescription;
    /** IMS's {@code Retry-After}, or null. */
    private final Duration retryAfter;

    /**
     * An IMS error answer without {@code Retry-After}.
     *
     * @param message what went wrong, without secrets
     * @param status the HTTP status IMS answered with
     * @param error IMS's {@code error} code, or null
     * @param errorDescription IMS's {@code error_description}, or null
     */
    public ImsException(String message, int status, String error, String errorDescription) {
        this(message, status, error, errorDescription, null);
    }

    /**
     * An IMS error answer.
     *
     * @param message what went wrong, without secrets
     * @param status the HTTP status IMS answered with
     * @param error IMS's {@code error} code, or null
     * @param errorDescription IMS's {@code error_description}, or null
     * @param retryAfter how long IMS asked to wait ({@code Retry-After}), or null
     */
    public ImsException(String message, int status, String error, String errorDescription, Duration retryAfter) {
        super(message);
        this.status = status;
        this.error = error;
        this.errorDescription = errorDescription;
        this.retryAfter = retryAfter;
    }

    /** {@return the HTTP status IMS answered with} */
    public int status() {
        return status;
    }

    /** {@return IMS's {@code error} code ({@code invalid_client}, {@code invalid_signature}, ...), when it sent one} */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** {@return IMS's {@code error_description}, when it sent one} */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    /** {@return how long IMS asked to wait before trying again ({@code Retry-After}), when it said} */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * {@return true for errors that retrying cannot fix} IMS rejected the client, the signature, the token
     * or the scopes, so the credentials or the configuration must change: any 4xx status except 408 (request
     * timeout) and 429 (too many requests).
     */
    public boolean isConfigurationError() {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }
}

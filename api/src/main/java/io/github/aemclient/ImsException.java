package io.github.aemclient;

import java.time.Duration;
import java.util.Optional;

/**
 * Adobe IMS answered the token exchange with an error, e.g. HTTP 400
 * {@code {"error":"invalid_client","error_description":"invalid client_secret parameter"}}.
 */
public class ImsException extends AemClientException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String errorDescription;
    private final Duration retryAfter;

    public ImsException(String message, int status, String error, String errorDescription) {
        this(message, status, error, errorDescription, null);
    }

    public ImsException(String message, int status, String error, String errorDescription, Duration retryAfter) {
        super(message);
        this.status = status;
        this.error = error;
        this.errorDescription = errorDescription;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status IMS answered with. */
    public int status() {
        return status;
    }

    /** IMS's {@code error} code ({@code invalid_client}, {@code invalid_signature}, ...), when it sent one. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** IMS's {@code error_description}, when it sent one. */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    /** How long IMS asked to wait before trying again ({@code Retry-After}), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * True for errors that retrying cannot fix: IMS rejected the client, the signature, the token or the
     * scopes, so the credentials or the configuration must change.
     */
    public boolean isConfigurationError() {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }
}

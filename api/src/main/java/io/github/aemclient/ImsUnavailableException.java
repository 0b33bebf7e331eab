package io.github.aemclient;

/**
 * Adobe IMS could not be reached or did not answer within the configured timeouts (after the configured
 * retries), or a token acquisition another thread runs did not finish in time. A later attempt may succeed.
 * IMS answering with an error is an {@link ImsException} instead.
 */
public class ImsUnavailableException extends AemClientException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for an IMS that could not be had.
     *
     * @param message what went wrong, without secrets
     * @param cause the last failure (a timeout, a refused connection), or null
     */
    public ImsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

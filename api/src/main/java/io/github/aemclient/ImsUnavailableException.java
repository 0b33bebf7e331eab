package io.github.aemclient;

/** Adobe IMS could not be reached, or did not answer within the configured timeouts. */
public class ImsUnavailableException extends AemClientException {

    private static final long serialVersionUID = 1L;

    public ImsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

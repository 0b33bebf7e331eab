package io.github.aemclient;

/** Base of every exception this library throws. Messages never contain secrets. */
public class AemClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AemClientException(String message) {
        super(message);
    }

    public AemClientException(String message, Throwable cause) {
        super(message, cause);
    }
}

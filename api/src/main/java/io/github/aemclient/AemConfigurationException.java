package io.github.aemclient;

import java.util.Objects;

/**
 * The configuration or the credentials cannot be used. {@link #source()} names what is wrong: a property
 * such as {@code aem.author.url}, a JSON field such as {@code integration.technicalAccount.clientId},
 * or a file.
 */
public class AemConfigurationException extends AemClientException {

    private static final long serialVersionUID = 1L;

    private final String source;

    public AemConfigurationException(String source, String message) {
        super(message);
        this.source = Objects.requireNonNull(source, "source");
    }

    public AemConfigurationException(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The property, JSON field or file that is wrong. */
    public String source() {
        return source;
    }
}

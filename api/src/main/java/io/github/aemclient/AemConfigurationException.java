package io.github.aemclient;

import java.util.Objects;

/**
 * The configuration or the credentials cannot be used. {@link #source()} names what is wrong: a property
 * such as {@code aem.author.url}, a JSON field such as {@code integration.technicalAccount.clientId},
 * or a file. Retrying does not help: the configuration or the credentials must change.
 */
public class AemConfigurationException extends AemClientException {

    private static final long serialVersionUID = 1L;

    /** The property, JSON field or file that is wrong. */
    private final String source;

    /**
     * A configuration problem without a cause.
     *
     * @param source the property, JSON field or file that is wrong
     * @param message what is wrong, without the secret values
     * @throws NullPointerException when {@code source} is null
     */
    public AemConfigurationException(String source, String message) {
        super(message);
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * A configuration problem with a cause.
     *
     * @param source the property, JSON field or file that is wrong
     * @param message what is wrong, without the secret values
     * @param cause the underlying failure (an unreadable file, say), or null
     * @throws NullPointerException when {@code source} is null
     */
    public AemConfigurationException(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = Objects.requireNonNull(source, "source");
    }

    /** {@return the property, JSON field or file that is wrong} */
    public String source() {
        return source;
    }
}

package io.github.aemclient.cdi;

import io.github.aemclient.AccessTokenProvider;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The application's AEM environments by name, for code that chooses one at run time:
 * {@code @Inject AemEnvironments aem; aem.target(tenant)}. The environments are those injected somewhere
 * with {@code @AemClient("name")} and those listed in {@code aem.environments} (which are configured and
 * checked at deployment even when nothing injects them). The same objects are available through CDI's own
 * programmatic lookup, {@code CDI.current().select(WebTarget.class, AemClient.Literal.of("author"))}; this
 * class differs in saying which environments exist when asked for one that does not.
 */
public final class AemEnvironments {

    private final AemClientExtension extension;

    AemEnvironments(AemClientExtension extension) {
        this.extension = Objects.requireNonNull(extension);
    }

    /** {@return the names of the application's environments, in alphabetical order} */
    public Set<String> names() {
        return extension.environmentNames();
    }

    /**
     * {@return the environment's {@code aem.<env>.url}: the base URI to give a {@code RestClientBuilder}}
     *
     * @param environment the environment's name
     * @throws IllegalArgumentException when the application has no environment of that name
     */
    public URI url(String environment) {
        return extension.environment(Objects.requireNonNull(environment, "environment")).url();
    }

    /**
     * {@return a new {@code WebTarget} aimed at the environment's {@code aem.<env>.url}, as injected with
     * {@code @AemClient(environment)}}
     *
     * @param environment the environment's name
     * @throws IllegalArgumentException when the application has no environment of that name; the message
     *     lists the ones it has
     */
    public WebTarget target(String environment) {
        return extension.environment(Objects.requireNonNull(environment, "environment")).target();
    }

    /**
     * {@return the environment's JAX-RS client, shared by its targets; closed by the application's shutdown}
     *
     * @param environment the environment's name
     * @throws IllegalArgumentException when the application has no environment of that name
     */
    public Client client(String environment) {
        return extension.environment(Objects.requireNonNull(environment, "environment")).client();
    }

    /**
     * {@return the environment's token provider; empty for basic and anonymous environments}
     *
     * @param environment the environment's name
     * @throws IllegalArgumentException when the application has no environment of that name
     */
    public Optional<AccessTokenProvider> tokenProvider(String environment) {
        return extension.environment(Objects.requireNonNull(environment, "environment")).tokenProvider();
    }

    @Override
    public String toString() {
        return "AemEnvironments" + names();
    }
}

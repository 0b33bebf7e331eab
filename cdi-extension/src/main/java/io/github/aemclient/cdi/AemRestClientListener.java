package io.github.aemclient.cdi;

import io.github.aemclient.AemClient;
import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.internal.filter.AemAuthenticationFilter;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/**
 * Authenticates every MicroProfile Rest Client whose interface is annotated {@code @AemClient("env")}, as
 * the environment's injected {@code WebTarget} is: the same filters and token provider (one IMS exchange
 * for both), credentials only to the environment's origin, redirects not followed. A 401 makes the token be
 * renewed for the next call, but the call itself is not replayed: a Rest Client can only send requests its
 * proxy built, so the 401 reaches the caller (as Rest Client's {@code WebApplicationException}). It applies
 * to clients injected with {@code @RestClient} and to those built with {@code RestClientBuilder.newBuilder()}. The base URL and timeouts come from {@link RestClientDefaults}
 * (for injected clients; a {@code RestClientBuilder} user gives the base URL to the builder).
 *
 * <p>Found by MicroProfile Rest Client through {@code META-INF/services}; an application without Rest
 * Client never loads it. Not for applications to call.
 */
public final class AemRestClientListener implements RestClientListener {

    /** Called by MicroProfile Rest Client through {@code ServiceLoader}. */
    public AemRestClientListener() {
    }

    /**
     * Configures the client about to be built, when its interface is annotated {@code @AemClient}.
     *
     * @param serviceInterface the Rest Client interface
     * @param builder its builder, configured by the application (or the Rest Client CDI bean) so far
     * @throws IllegalStateException when no CDI container with this library's extension runs the application
     * @throws io.github.aemclient.AemConfigurationException when the environment's configuration is wrong
     */
    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        AemClient qualifier = AemClientExtension.restClientQualifier(serviceInterface);
        if (qualifier == null) {
            return;
        }
        AemClientExtension extension = AemClientExtension.current().orElseThrow(() -> new IllegalStateException(
                serviceInterface.getName() + " is annotated @AemClient(\"" + qualifier.value() + "\"), but the"
                        + " application runs without CDI or without the aem-client CDI extension: the environment's"
                        + " configuration cannot be read"));
        AemEnvironment environment = extension.restClientEnvironment(qualifier.value(), serviceInterface);
        // A Rest Client sends only requests its proxy built: a 401 renews the token for the next call, and
        // goes back to the caller instead of being replayed.
        environment.applyTo(builder).followRedirects(false).property(AemAuthenticationFilter.REPLAY, Boolean.FALSE);
    }
}

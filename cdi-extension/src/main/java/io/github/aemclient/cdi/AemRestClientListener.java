package io.github.aemclient.cdi;

import io.github.aemclient.AemClient;
import io.github.aemclient.client.AemEnvironment;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/**
 * Authenticates every MicroProfile Rest Client whose interface is annotated {@code @AemClient("env")}, as
 * the environment's injected {@code WebTarget} is: the same filters and token provider (one IMS exchange
 * for both), credentials only to the environment's origin, redirects not followed. After a 401 the token is
 * renewed and the call sent again, as it went out, through the environment's own client (a Rest Client can
 * only send requests its proxy built); a call with a body other than text, bytes or a form gets the 401
 * (as Rest Client's {@code WebApplicationException}), the next call the new token. It applies
 * to clients injected with {@code @RestClient} and to those built with {@code RestClientBuilder.newBuilder()}. The base URL and timeouts come from {@link RestClientDefaults}
 * (for injected clients; a {@code RestClientBuilder} user gives the base URL to the builder).
 *
 * <p>Found by MicroProfile Rest Client through {@code META-INF/services}; an application without Rest
 * Client never loads it. Not for applications to call.
 */
public final class AemRestClientListener implements RestClientListener {

    private final CurrentExtension extension = new CurrentExtension();

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
        AemClientExtension extension = this.extension.get().orElseThrow(() -> new IllegalStateException(
                serviceInterface.getName() + " is annotated @AemClient(\"" + qualifier.value() + "\"), but the"
                        + " aem-client CDI extension cannot be found from this thread: the application runs without"
                        + " CDI or without the extension, or this thread reaches neither CDI.current() nor"
                        + " java:comp/BeanManager (build Rest Clients on the application's own threads)"));
        AemEnvironment environment = extension.restClientEnvironment(qualifier.value(), serviceInterface);
        Config config = AemClientExtension.config();
        extension.restClientUrls().check(serviceInterface, environment, config);
        extension.restClientNetwork().configure(builder, serviceInterface, environment, config);
        extension.restClientReplays().configure(environment.applyTo(builder).followRedirects(false), serviceInterface,
                environment, config);
    }
}

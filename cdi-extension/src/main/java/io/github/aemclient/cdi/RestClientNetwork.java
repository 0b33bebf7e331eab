package io.github.aemclient.cdi;

import io.github.aemclient.client.AemEnvironment;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Gives a Rest Client of an environment the environment's way to AEM: {@code trust-store} as its TLS context
 * and {@code proxy-address} as its proxy, unless the application configured the interface's own
 * ({@code mp-rest/trustStore} or {@code keyStore}; {@code mp-rest/proxyAddress}), which then win as any
 * {@code mp-rest} setting does. Rest Client has no setting for proxy credentials: with {@code proxy-user}
 * set, its calls go through the proxy without them, said once per interface.
 */
final class RestClientNetwork {

    private static final Logger LOG = System.getLogger(RestClientNetwork.class.getName());
    private static final List<String> OWN_TLS = List.of("trustStore", "keyStore");

    private final Set<Class<?>> warned = ConcurrentHashMap.newKeySet();

    void configure(RestClientBuilder builder, Class<?> restInterface, AemEnvironment environment, Config config) {
        if (environment.sslContext().isPresent() && !RestClientDefaults.anySet(config, restInterface, OWN_TLS)) {
            builder.sslContext(environment.sslContext().get());
        }
        if (environment.proxyAddress().isPresent()
                && !RestClientDefaults.anySet(config, restInterface, List.of("proxyAddress"))) {
            InetSocketAddress proxy = environment.proxyAddress().get();
            builder.proxyAddress(proxy.getHostString(), proxy.getPort());
            String user = "aem." + environment.name() + ".proxy-user";
            if (config.getOptionalValue(user, String.class).isPresent() && warned.add(restInterface)) {
                LOG.log(Level.WARNING, () -> "MicroProfile Rest Client " + restInterface.getName() + " calls AEM"
                        + " through the proxy " + proxy.getHostString() + ":" + proxy.getPort() + " without " + user
                        + ": Rest Client has no setting for proxy credentials (the environment's WebTarget and the"
                        + " IMS exchange have them). Let AEM's hosts through the proxy unauthenticated, or call"
                        + " AEM through @AemClient WebTarget");
            }
        }
    }
}

package io.github.aemclient.internal.network;

import jakarta.ws.rs.client.ClientBuilder;

/**
 * Gives a JAX-RS client the proxy's credentials. JAX-RS has no standard way, and neither RESTEasy nor Jersey
 * has a property that authenticates an HTTPS tunnel, so each is configured through its own API; the classes
 * doing it are linked only when that implementation is the one in use.
 */
final class ProxyCredentials {

    private static final System.Logger LOG = System.getLogger(ProxyCredentials.class.getName());

    private ProxyCredentials() {
    }

    /**
     * @return false when this client cannot be given them (another implementation or connector): its calls go
     *     through the proxy unauthenticated
     */
    static boolean applyTo(ClientBuilder builder, ProxySettings proxy) {
        String implementation = builder.getClass().getName();
        try {
            if (implementation.startsWith("org.jboss.resteasy.") && ResteasyProxyCredentials.handles(builder)) {
                ResteasyProxyCredentials.apply(builder, proxy);
                return true;
            }
            if (implementation.startsWith("org.glassfish.jersey.") && JerseyProxyCredentials.handles(builder)) {
                JerseyProxyCredentials.apply(builder, proxy);
                return true;
            }
        } catch (LinkageError e) {
            // The implementation is there but not the classes this needs (another version, a server's fork).
            LOG.log(System.Logger.Level.DEBUG, "Proxy credentials cannot be given to " + implementation, e);
        }
        return false;
    }
}

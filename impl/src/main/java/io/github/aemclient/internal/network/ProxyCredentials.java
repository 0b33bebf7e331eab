package io.github.aemclient.internal.network;

import jakarta.ws.rs.client.ClientBuilder;

/**
 * Gives a JAX-RS client the proxy's credentials. JAX-RS has no standard way, and neither RESTEasy nor Jersey
 * has a property that authenticates an HTTPS tunnel, so each is configured through its own API; the classes
 * doing it are linked only when that implementation is the one in use.
 */
final class ProxyCredentials {

    private static final System.Logger LOG = System.getLogger(ProxyCredentials.class.getName());
    static final String LIBERTY_PROXY_USERNAME = "com.ibm.ws.jaxrs.client.proxy.username";
    static final String LIBERTY_PROXY_PASSWORD = "com.ibm.ws.jaxrs.client.proxy.password";
    /**
     * Why a client is given no credentials when it is none of those this knows. A constant expression, so that
     * the copy of {@code ResteasyProxyCredentials} that {@link ResteasyEngineBridge} defines in another runtime
     * package gets the text compiled in rather than reaching for this package-private class.
     */
    static final String UNSUPPORTED =
            "it is neither RESTEasy's Apache engine, Jersey's default connector nor Open Liberty's client";

    private ProxyCredentials() {
    }

    /**
     * @return null when given; else why this client cannot be given them (another implementation or
     *     connector, classes out of reach): its calls go through the proxy unauthenticated
     */
    static String applyTo(ClientBuilder builder, ProxySettings proxy, boolean httpsTarget) {
        String implementation = builder.getClass().getName();
        try {
            if (implementation.startsWith("org.jboss.resteasy.")) {
                return ResteasyEngineBridge.applyTo(builder, proxy);
            }
            if (implementation.startsWith("io.openliberty.") || implementation.startsWith("com.ibm.ws.")) {
                // Open Liberty's client takes them as properties (and authenticates the tunnel itself).
                builder.property(LIBERTY_PROXY_USERNAME, proxy.user().orElseThrow())
                        .property(LIBERTY_PROXY_PASSWORD, proxy.password().orElseThrow());
                return null;
            }
            if (implementation.startsWith("org.glassfish.jersey.") && JerseyProxyCredentials.handles(builder)) {
                JerseyProxyCredentials.apply(builder, proxy);
                return BasicTunnelling.disabled() && httpsTarget ? "Jersey's connector is the JDK's, which sends"
                        + " no Basic credentials to a proxy for HTTPS: add -D" + BasicTunnelling.PROPERTY
                        + "= to the JVM's command line and restart" : null;
            }
        } catch (LinkageError e) {
            // The implementation is there but not the classes this needs (another version, a server's fork).
            LOG.log(System.Logger.Level.DEBUG, "Proxy credentials cannot be given to " + implementation, e);
            return "the classes it needs are out of the application's reach (" + e + ")";
        }
        return UNSUPPORTED;
    }
}

package io.github.aemclient.internal.network;

import jakarta.ws.rs.client.ClientBuilder;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How an environment reaches IMS and AEM: the certificates it trusts and the proxy it goes through. The same
 * settings are applied to the JDK {@code HttpClient} of the IMS exchange and to the environment's JAX-RS
 * client, so both calls cross the network the same way.
 */
public final class Network {

    /** The JVM's defaults: its CAs, its proxy settings ({@code https.proxyHost}, ...). */
    public static final Network JVM_DEFAULTS = new Network(null, null);

    /** RESTEasy's proxy properties ({@code ResteasyClientBuilder.PROPERTY_PROXY_*}). */
    static final String RESTEASY_PROXY_HOST = "org.jboss.resteasy.jaxrs.client.proxy.host";
    static final String RESTEASY_PROXY_PORT = "org.jboss.resteasy.jaxrs.client.proxy.port";
    static final String RESTEASY_PROXY_SCHEME = "org.jboss.resteasy.jaxrs.client.proxy.scheme";
    /** Jersey's ({@code ClientProperties.PROXY_URI}); its credential properties are not used (see JerseyProxyCredentials). */
    static final String JERSEY_PROXY_URI = "jersey.config.client.proxy.uri";
    /** Open Liberty's JAX-RS client. */
    static final String LIBERTY_PROXY_HOST = "com.ibm.ws.jaxrs.client.proxy.host";
    static final String LIBERTY_PROXY_PORT = "com.ibm.ws.jaxrs.client.proxy.port";
    static final String LIBERTY_PROXY_TYPE = "com.ibm.ws.jaxrs.client.proxy.type";

    private static final System.Logger LOG = System.getLogger(Network.class.getName());

    private final TrustStore trustStore;
    private final ProxySettings proxy;

    public Network(TrustStore trustStore, ProxySettings proxy) {
        this.trustStore = trustStore;
        this.proxy = proxy;
    }

    public Optional<TrustStore> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    public Optional<ProxySettings> proxy() {
        return Optional.ofNullable(proxy);
    }

    /**
     * The IMS client: trust store, proxy and its credentials (for this client only); else the JVM's.
     *
     * @param credentialsGiven told each time the client is handed the proxy's credentials
     */
    public HttpClient.Builder applyTo(HttpClient.Builder builder, Runnable credentialsGiven) {
        if (trustStore != null) {
            builder.sslContext(trustStore.sslContext());
        }
        if (proxy == null) {
            return builder.proxy(ProxySelector.getDefault());
        }
        builder.proxy(ProxySelector.of(proxy.socketAddress()));
        proxy.authenticator(credentialsGiven).ifPresent(builder::authenticator);
        return builder;
    }

    /**
     * The environment's JAX-RS client: the trust store through the standard {@link ClientBuilder#sslContext};
     * the proxy through the properties RESTEasy, Jersey and Open Liberty read (JAX-RS has no standard one).
     */
    public ClientBuilder applyTo(ClientBuilder builder) {
        if (trustStore != null) {
            builder.sslContext(trustStore.sslContext());
        }
        if (proxy != null) {
            builder.property(RESTEASY_PROXY_HOST, proxy.host())
                    .property(RESTEASY_PROXY_PORT, proxy.port())
                    .property(RESTEASY_PROXY_SCHEME, "http")
                    .property(JERSEY_PROXY_URI, "http://" + proxy.address())
                    .property(LIBERTY_PROXY_HOST, proxy.host())
                    .property(LIBERTY_PROXY_PORT, String.valueOf(proxy.port()))
                    .property(LIBERTY_PROXY_TYPE, "HTTP");
        }
        return builder;
    }

    /**
     * Gives the JAX-RS client the proxy's credentials, where its implementation allows (RESTEasy's Apache
     * engine, Jersey's default connector). Call last, when the builder is otherwise configured.
     *
     * @param environment for the warning when it cannot
     * @param target the AEM URL (whether its calls tunnel)
     */
    public ClientBuilder authenticateProxy(ClientBuilder builder, String environment, URI target) {
        String refusal = proxy != null && proxy.user().isPresent()
                ? ProxyCredentials.applyTo(builder, proxy, "https".equalsIgnoreCase(target.getScheme())) : null;
        if (refusal != null) {
            LOG.log(System.Logger.Level.WARNING, "AEM environment ''{0}'': calls to AEM through this JAX-RS client"
                    + " ({1}) reach the proxy {2} without aem.{0}.proxy-user: {3}. They get the proxy''s 407 unless it"
                    + " lets AEM''s hosts through unauthenticated", environment, builder.getClass().getName(),
                    proxy.address(), refusal);
        }
        return builder;
    }

    /** {@return whether both ways use the JVM's defaults} */
    public boolean isDefault() {
        return trustStore == null && proxy == null;
    }

    @Override
    public String toString() {
        return (trustStore == null ? "" : "trustStore=" + trustStore) + (trustStore != null && proxy != null ? ", " : "")
                + (proxy == null ? "" : "proxy=" + proxy);
    }
}

package io.github.aemclient.internal.network;

import jakarta.ws.rs.client.ClientBuilder;
import java.io.IOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;

/**
 * Proxy credentials for Jersey's default connector ({@code HttpURLConnection}): each connection gets the
 * proxy's {@link Authenticator} (never the JVM-wide default). Jersey's own {@code proxy.username} property is
 * not used: it sends a {@code Proxy-Authorization} request header, which over an HTTPS tunnel reaches AEM
 * instead of the proxy. The connector provider is replaced by a default one with that factory: one of the
 * application's (with its own chunk size or factory) cannot be told from the default, and is not kept.
 * Loaded only when the builder is Jersey's.
 */
final class JerseyProxyCredentials {

    private JerseyProxyCredentials() {
    }

    /** Jersey with its default connector; another connector (Apache, Netty) authenticates by its own settings. */
    static boolean handles(ClientBuilder builder) {
        return builder.getConfiguration() instanceof ClientConfig config
                && config.getConnectorProvider() != null
                && config.getConnectorProvider().getClass() == HttpUrlConnectorProvider.class;
    }

    static void apply(ClientBuilder builder, ProxySettings proxy) {
        Authenticator authenticator = proxy.authenticator().orElseThrow();
        ((ClientConfig) builder.getConfiguration()).connectorProvider(new HttpUrlConnectorProvider()
                .connectionFactory(new HttpUrlConnectorProvider.ConnectionFactory() {
                    @Override
                    public HttpURLConnection getConnection(URL url) throws IOException {
                        return authenticated(url.openConnection());
                    }

                    @Override
                    public HttpURLConnection getConnection(URL url, Proxy through) throws IOException {
                        return authenticated(through == null ? url.openConnection() : url.openConnection(through));
                    }

                    private HttpURLConnection authenticated(java.net.URLConnection connection) {
                        HttpURLConnection http = (HttpURLConnection) connection;
                        http.setAuthenticator(authenticator);
                        return http;
                    }
                }));
    }
}

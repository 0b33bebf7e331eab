package io.github.aemclient.internal.network;

import jakarta.ws.rs.client.ClientBuilder;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.conn.HttpClientConnectionManager;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.jboss.resteasy.client.jaxrs.ClientHttpEngine;
import org.jboss.resteasy.client.jaxrs.ResteasyClientBuilder;
import org.jboss.resteasy.client.jaxrs.engines.ApacheHttpClient43Engine;
import org.jboss.resteasy.client.jaxrs.engines.ClientHttpEngineBuilder43;

/**
 * Proxy credentials for RESTEasy's Apache HttpClient engine, which has no setting for them: the engine is
 * built as RESTEasy builds it (connection pool, TLS, timeouts from the builder) with the proxy's credentials
 * added, scoped to the proxy's host and port. Loaded only when the builder is RESTEasy's.
 */
final class ResteasyProxyCredentials {

    /** RESTEasy's own idle-connection eviction (ClientHttpEngineBuilder43), kept as it is. */
    private static final long MAX_IDLE_SECONDS = 60;

    private ResteasyProxyCredentials() {
    }

    /**
     * Gives a RESTEasy builder's Apache engine the credentials: null when given, else why not (the builder is not
     * RESTEasy's, has an engine of the application's, or uses the asynchronous engine). Call last, once the
     * builder's timeouts and TLS are set: the engine is built from them now. Called directly, or by reflection on a
     * copy of this class ({@link ResteasyEngineBridge}).
     */
    static String applyTo(ClientBuilder builder, ProxySettings proxy) {
        if (!(builder instanceof ResteasyClientBuilder)) {
            return ProxyCredentials.UNSUPPORTED;
        }
        String refusal = refusal(builder);
        if (refusal == null) {
            apply(builder, proxy);
        }
        return refusal;
    }

    /** An engine the application set, or the asynchronous one, is left alone: null, else why not. */
    private static String refusal(ClientBuilder builder) {
        ResteasyClientBuilder resteasy = (ResteasyClientBuilder) builder;
        if (resteasy.getHttpEngine() != null) {
            return "the builder has an HTTP engine of the application's, which is left as it is (give that engine the"
                    + " credentials)";
        }
        return resteasy.isUseAsyncHttpEngine() ? "the builder uses RESTEasy's asynchronous engine, which has no setting"
                + " for them" : null;
    }

    private static void apply(ClientBuilder builder, ProxySettings proxy) {
        ResteasyClientBuilder resteasy = (ResteasyClientBuilder) builder;
        resteasy.defaultProxy(proxy.host(), proxy.port(), "http");
        resteasy.httpEngine(new AuthenticatingEngineBuilder(resteasy, proxy).resteasyClientBuilder(resteasy).build());
    }

    private static final class AuthenticatingEngineBuilder extends ClientHttpEngineBuilder43 {
        private final ResteasyClientBuilder builder;
        private final ProxySettings proxy;

        AuthenticatingEngineBuilder(ResteasyClientBuilder builder, ProxySettings proxy) {
            this.builder = builder;
            this.proxy = proxy;
        }

        @Override
        protected ClientHttpEngine createEngine(HttpClientConnectionManager connections, RequestConfig.Builder request,
                HttpHost defaultProxy, int responseBufferSize, HostnameVerifier verifier, SSLContext context) {
            request.setProxy(defaultProxy);
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(proxy.host(), proxy.port()),
                    new UsernamePasswordCredentials(proxy.user().orElseThrow(), proxy.password().orElseThrow()));
            HttpClientBuilder client = HttpClientBuilder.create()
                    .setConnectionManager(connections)
                    .evictExpiredConnections()
                    .evictIdleConnections(MAX_IDLE_SECONDS, TimeUnit.SECONDS)
                    .setDefaultRequestConfig(request.build())
                    .setDefaultCredentialsProvider(credentials)
                    .disableContentCompression()
                    .disableRedirectHandling();
            if (!builder.isCookieManagementEnabled()) {
                client.disableCookieManagement();
            }
            if (builder.isDisableAutomaticRetries()) {
                client.disableAutomaticRetries();
            }
            CloseableHttpClient http = client.build();
            ApacheHttpClient43Engine engine = new ApacheHttpClient43Engine(http, true);
            engine.setResponseBufferSize(responseBufferSize);
            engine.setHostnameVerifier(verifier);
            engine.setSslContext(context);
            engine.setFollowRedirects(false);
            return engine;
        }
    }
}

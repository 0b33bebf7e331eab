package io.github.aemclient.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ConnectProxy;
import io.github.aemclient.testkit.ImsStandIn;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.net.URL;
import java.net.URLClassLoader;
import org.apache.http.HttpHost;
import org.apache.http.impl.client.HttpClientBuilder;
import org.jboss.resteasy.client.jaxrs.ResteasyClient;
import org.jboss.resteasy.client.jaxrs.engines.ApacheHttpClient43Engine;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.junit.jupiter.api.Test;

/**
 * Where the application sees RESTEasy but not Apache HttpClient (WildFly), the proxy's credentials still reach
 * RESTEasy's engine: through a copy of {@code ResteasyProxyCredentials} linked to HttpClient by RESTEasy's loader.
 * Here both are on one class path, so the bridged way is asked for explicitly; the it suite's WildFly runs it for
 * real (the library's jar no longer asks WildFly for HttpClient's private module).
 */
class ResteasyEngineBridgeTest {

    private static final ClassLoader LIBRARY = ResteasyEngineBridge.class.getClassLoader();

    @Test
    void theBridgedClassIsDefinedAgainWithItsNestedClassesButSharesTheLibrarysOtherClasses() throws Exception {
        Class<?> bridged = ResteasyEngineBridge.bridged(LIBRARY, ResteasyClientBuilderImpl.class.getClassLoader());
        ClassLoader bridge = bridged.getClassLoader();

        assertThat(bridged.getName()).isEqualTo(ResteasyProxyCredentials.class.getName());
        assertThat(bridged).isNotSameAs(ResteasyProxyCredentials.class);
        assertThat(bridge).isInstanceOf(ResteasyEngineBridge.Bridge.class);
        assertThat(Class.forName(ResteasyEngineBridge.CREDENTIALS + "$AuthenticatingEngineBuilder", false, bridge)
                .getClassLoader()).isSameAs(bridge);
        // the settings it is given, and RESTEasy's types, are the very classes the caller has
        assertThat(Class.forName(ProxySettings.class.getName(), false, bridge)).isSameAs(ProxySettings.class);
        assertThat(Class.forName(ClientBuilder.class.getName(), false, bridge)).isSameAs(ClientBuilder.class);
        assertThat(Class.forName(ApacheHttpClient43Engine.class.getName(), false, bridge))
                .isSameAs(ApacheHttpClient43Engine.class);
    }

    @Test
    void theBridgeIsTakenUnlessTheLibrarySeesRestEasysOwnHttpClient() throws Exception {
        ClassLoader resteasy = ResteasyClientBuilderImpl.class.getClassLoader();
        URL httpClient = HttpClientBuilder.class.getProtectionDomain().getCodeSource().getLocation();
        URL httpCore = HttpHost.class.getProtectionDomain().getCodeSource().getLocation();

        // plain Java: one class path, one HttpClient
        assertThat(ResteasyEngineBridge.sameHttpClient(LIBRARY, resteasy)).isTrue();
        // WildFly, an application without HttpClient: the library sees none
        assertThat(ResteasyEngineBridge.sameHttpClient(ClassLoader.getPlatformClassLoader(), resteasy)).isFalse();
        // WildFly, an application that bundles its own HttpClient: the library sees another one than RESTEasy
        try (URLClassLoader bundlesItsOwn = new URLClassLoader(new URL[] {httpClient, httpCore},
                ClassLoader.getPlatformClassLoader())) {
            assertThat(Class.forName(ResteasyEngineBridge.HTTP_CLIENT, false, bundlesItsOwn)).isNotNull();
            assertThat(ResteasyEngineBridge.sameHttpClient(bundlesItsOwn, resteasy)).isFalse();
        }
    }

    @Test
    void throughTheBridgeTheEngineAuthenticatesToTheProxy() {
        try (ImsStandIn ims = ImsStandIn.start(); AemStandIn aem = AemStandIn.start(ims);
                ConnectProxy proxy = ConnectProxy.start().requireBasic("proxy-user", "proxy p@ss w0rd!")) {
            ClientBuilder builder = new ResteasyClientBuilderImpl();

            String refusal = ResteasyEngineBridge.throughRestEasysLoader(builder,
                    new ProxySettings("127.0.0.1", proxy.port(), "proxy-user", "proxy p@ss w0rd!"), LIBRARY);

            assertThat(refusal).isNull();
            try (Client client = builder.build();
                    Response response = client.target(aem.url()).path("/content/page.json").request().get()) {
                assertThat(((ResteasyClient) client).httpEngine().getClass().getClassLoader())
                        .as("the engine RESTEasy builds").isSameAs(ApacheHttpClient43Engine.class.getClassLoader());
                assertThat(response.getStatus()).as("AEM's answer, not the proxy's 407").isEqualTo(401);
            }
            // HttpClient asks without credentials first and answers the proxy's 407 challenge with them
            assertThat(proxy.forwarded()).hasSize(1);
        }
    }

    @Test
    void throughTheBridgeAnEngineOfTheApplicationsIsLeftAsItIsAndSaidSo() {
        ApacheHttpClient43Engine mine = new ApacheHttpClient43Engine();
        ClientBuilder builder = new ResteasyClientBuilderImpl().httpEngine(mine);

        String refusal = ResteasyEngineBridge.throughRestEasysLoader(builder,
                new ProxySettings("127.0.0.1", 3128, "proxy-user", "secret"), LIBRARY);

        assertThat(refusal).contains("an HTTP engine of the application's").doesNotContain("secret");
        assertThat(((ResteasyClientBuilderImpl) builder).getHttpEngine()).isSameAs(mine);
    }
}

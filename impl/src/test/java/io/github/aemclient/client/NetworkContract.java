package io.github.aemclient.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.ImsException;
import io.github.aemclient.ImsUnavailableException;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ConnectProxy;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestOAuthCredentials;
import io.github.aemclient.testkit.TestTls;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real TLS and a real proxy between the library and both stand-ins: IMS and AEM are reached through the same
 * trust store and proxy settings. Run once per JAX-RS implementation (the AEM side depends on its connector).
 */
public abstract class NetworkContract {

    static final TestTls TLS = TestTls.generate();
    static final TestOAuthCredentials CREDENTIAL = TestOAuthCredentials.generate();

    @TempDir
    Path dir;

    ImsStandIn ims;
    AemStandIn aem;
    ConnectProxy proxy;

    protected abstract Supplier<ClientBuilder> clientBuilder();

    @BeforeEach
    void start() {
        ims = ImsStandIn.start(TLS).register(CREDENTIAL);
        aem = AemStandIn.start(ims, TLS).requireApiKey();
        proxy = ConnectProxy.start();
    }

    @AfterEach
    void stop() {
        proxy.close();
        aem.close();
        ims.close();
    }

    AemEnvironment.Builder author() {
        return AemEnvironment.builder("author").url(aem.url().toString()).imsUrl(ims.url().toString())
                .clientBuilder(clientBuilder())
                .property("client-id", CREDENTIAL.clientId()).property("client-secret", CREDENTIAL.clientSecret())
                .property("scopes", CREDENTIAL.scopesText());
    }

    /** The environment over TLS (its certificate trusted through a PEM trust store), through the proxy. */
    AemEnvironment.Builder throughTheProxy() {
        Path store = TLS.writeTrustStore(dir.resolve("trust.pem"), "PEM", "");
        return author().property("trust-store", store.toString()).property("proxy-address", proxy.address());
    }

    static void assertCallSucceeds(AemEnvironment environment) {
        try (Response response = environment.target().path("/adobe/folders/").request().get()) {
            assertThat(response.getStatus()).as(response.readEntity(String.class)).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PEM", "PKCS12", "JKS"})
    void aTrustStoreOfEachTypeLetsBothImsAndAemBeReachedOverTls(String type) {
        Path store = TLS.writeTrustStore(dir.resolve("trust." + type.toLowerCase()), type, "store-pw");
        AemEnvironment.Builder builder = author().property("trust-store", store.toString());
        if (!type.equals("PEM")) {
            builder.property("trust-store-password", "store-pw");
        }
        try (AemEnvironment author = builder.build()) {
            assertCallSucceeds(author);
        }
        assertThat(ims.successfulExchanges()).isEqualTo(1);
        assertThat(aem.requests()).hasSize(1);
    }

    @Test
    void withoutTheTrustStoreTheExchangeFailsSayingTheCertificateIsNotTrustedAndNamingTheSetting() {
        try (AemEnvironment author = author().property("retry-max-attempts", "1").build()) {
            assertThatThrownBy(() -> author.tokenProvider().orElseThrow().getAccessToken())
                    .isInstanceOf(ImsUnavailableException.class)
                    .hasMessageContaining("certificate that is not trusted")
                    .hasMessageContaining("aem.<env>.trust-store");
        }
        assertThat(ims.successfulExchanges()).isZero();
    }

    @Test
    void anUntrustedCertificateIsNotRetriedSinceEveryAttemptFailsAlike() {
        try (AemEnvironment author = author().build()) {
            assertThatThrownBy(() -> author.tokenProvider().orElseThrow().getAccessToken())
                    .isInstanceOf(ImsUnavailableException.class)
                    .hasMessageContaining("certificate that is not trusted")
                    .hasMessageNotContaining("gave up after");
        }
    }

    @Test
    void anUntrustedCertificateThroughTheApplicationsImsClientPointsAtThatClient() {
        try (AemEnvironment author = author().imsHttpClient(HttpClient.newHttpClient()).build()) {
            assertThatThrownBy(() -> author.tokenProvider().orElseThrow().getAccessToken())
                    .hasMessageContaining("not by the application's imsHttpClient")
                    .hasMessageNotContaining("set aem.<env>.trust-store");
        }
    }

    @Test
    void aTrustStoreOfOtherCertificatesIsNotEnough() {
        Path other = TestTls.generate().writeTrustStore(dir.resolve("other.pem"), "PEM", "");
        try (AemEnvironment author = author().property("trust-store", other.toString())
                .property("retry-max-attempts", "1").build()) {
            assertThatThrownBy(() -> author.tokenProvider().orElseThrow().getAccessToken())
                    .hasMessageContaining("not trusted (not by aem.<env>.trust-store " + other);
        }
    }

    @Test
    void withAProxyBothImsAndAemTrafficGoThroughIt() {
        try (AemEnvironment author = throughTheProxy().build()) {
            assertCallSucceeds(author);
        }
        assertThat(proxy.forwarded()).contains("CONNECT 127.0.0.1:" + ims.port(), "CONNECT 127.0.0.1:" + aem.port());
    }

    @Test
    void anAuthenticatingProxyLetsTheImsExchangeThroughWithTheConfiguredCredentials() {
        proxy.requireBasic("proxy-user", "proxy p@ss w0rd!");
        try (AemEnvironment author = throughTheProxy().property("proxy-user", "proxy-user")
                .property("proxy-password", "proxy p@ss w0rd!").build()) {
            author.tokenProvider().orElseThrow().getAccessToken();
            assertThat(author.toString()).contains("proxy-user").doesNotContain("p@ss w0rd!");
        }
        assertThat(proxy.forwarded()).containsExactly("CONNECT 127.0.0.1:" + ims.port());
        assertThat(ims.successfulExchanges()).isEqualTo(1);
    }

    @Test
    void aemCallsGoThroughAnAuthenticatingProxyTooAndTheProxyCredentialsNeverReachAem() {
        proxy.requireBasic("proxy-user", "proxy p@ss w0rd!");
        try (AemEnvironment author = throughTheProxy().property("proxy-user", "proxy-user")
                .property("proxy-password", "proxy p@ss w0rd!").build()) {
            assertCallSucceeds(author);
            assertCallSucceeds(author);
        }
        assertThat(proxy.forwarded()).contains("CONNECT 127.0.0.1:" + ims.port(), "CONNECT 127.0.0.1:" + aem.port());
        assertThat(aem.requests()).hasSize(2).allSatisfy(request ->
                assertThat(request.headers().keySet()).noneMatch(name -> name.equalsIgnoreCase("proxy-authorization")));
    }

    @Test
    void anAemCallRefusedByTheProxyIsA407NotACallToAem() {
        proxy.requireBasic("proxy-user", "right");
        Path store = TLS.writeTrustStore(dir.resolve("trust.pem"), "PEM", "");
        try (AemEnvironment local = AemEnvironment.builder("local").url(aem.url().toString()).clientBuilder(clientBuilder())
                .mode(AuthMode.NONE).property("trust-store", store.toString()).property("proxy-address", proxy.address())
                .property("proxy-user", "proxy-user").property("proxy-password", "wrong").build()) {
            try (Response response = local.target().path("/content/x.json").request().get()) {
                assertThat(response.getStatus()).isEqualTo(407);
            } catch (jakarta.ws.rs.ProcessingException e) {
                // Jersey's connector reports the refused tunnel as an exception
                assertThat(e).hasStackTraceContaining("407");
            }
        }
        assertThat(aem.received()).isZero();
    }

    @Test
    void aWrongProxyPasswordIsAClear407ThatNamesTheSettingsAndShowsNoPassword() {
        proxy.requireBasic("proxy-user", "right");
        try (AemEnvironment author = throughTheProxy().property("proxy-user", "proxy-user")
                .property("proxy-password", "wrong-secret").build()) {
            assertThatThrownBy(() -> author.tokenProvider().orElseThrow().getAccessToken())
                    .isInstanceOf(ImsException.class)
                    .hasMessageContaining("407 Proxy Authentication Required")
                    .hasMessageContaining("it refused aem.<env>.proxy-user and aem.<env>.proxy-password (wrong user"
                            + " or password?)")
                    .hasMessageContaining(proxy.address())
                    .hasMessageNotContaining("wrong-secret");
        }
        assertThat(proxy.refused()).isPositive();
        assertThat(ims.received()).isZero();
    }

    @Test
    void aProxyAskingForCredentialsThatWereNotConfiguredSaysWhichSettingsToSet() {
        proxy.requireBasic("proxy-user", "right");
        try (AemEnvironment author = throughTheProxy().build()) {
            assertThatThrownBy(() -> author.tokenProvider().orElseThrow().getAccessToken())
                    .isInstanceOf(ImsException.class)
                    .hasMessageContaining("407 Proxy Authentication Required")
                    .hasMessageContaining("set aem.<env>.proxy-user and aem.<env>.proxy-password");
        }
    }

    @Test
    void aProxyOfferingOnlySchemesOtherThanBasicIsSaidToBeOneAndWhatToDo() {
        proxy.requireOnly("NTLM", "Negotiate");
        try (AemEnvironment author = throughTheProxy().property("proxy-user", "proxy-user")
                .property("proxy-password", "proxy-secret").build()) {
            assertThatThrownBy(() -> author.tokenProvider().orElseThrow().getAccessToken())
                    .isInstanceOf(ImsException.class)
                    .hasMessageContaining("it asks for NTLM, Negotiate, and only Basic is supported")
                    .hasMessageContaining("local relay")
                    .hasMessageNotContaining("wrong user or password");
        }
    }

    @Test
    void aProxyHostThatDoesNotResolveIsNamedNotIms() {
        Path store = TLS.writeTrustStore(dir.resolve("trust.pem"), "PEM", "");
        try (AemEnvironment author = author().property("trust-store", store.toString())
                .property("proxy-address", "proxy.aem-client-test.invalid:3128").property("retry-max-attempts", "1")
                .build()) {
            assertThatThrownBy(() -> author.tokenProvider().orElseThrow().getAccessToken())
                    .isInstanceOf(ImsUnavailableException.class)
                    .hasMessageContaining("the proxy host proxy.aem-client-test.invalid (aem.<env>.proxy-address) does"
                            + " not resolve");
        }
    }

    @Test
    void aProxyThatIsNotThereIsNamedAsSuch() {
        Path store = TLS.writeTrustStore(dir.resolve("trust.pem"), "PEM", "");
        int closedPort = proxy.port();
        proxy.close();
        try (AemEnvironment author = author().property("trust-store", store.toString())
                .property("proxy-address", "127.0.0.1:" + closedPort).property("retry-max-attempts", "1").build()) {
            assertThatThrownBy(() -> author.tokenProvider().orElseThrow().getAccessToken())
                    .isInstanceOf(ImsUnavailableException.class)
                    .hasMessageContaining("the proxy 127.0.0.1:" + closedPort + " (aem.<env>.proxy-address) refused");
        }
    }

    @Test
    void theApplicationsOwnImsClientIsUsedForImsAndLeftOpenOnClose() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ims", TLS.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        HttpClient own = HttpClient.newBuilder().sslContext(context).build();
        // No trust store in the settings: IMS is trusted only through the application's client.
        try (AemEnvironment author = author().imsHttpClient(own).build()) {
            author.tokenProvider().orElseThrow().getAccessToken();
        }
        assertThat(ims.successfulExchanges()).isEqualTo(1);
        HttpResponse<String> stillOpen = own.send(HttpRequest.newBuilder(URI.create(ims.url() + "/ims/token/v3"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stillOpen.statusCode()).isGreaterThanOrEqualTo(400);
    }
}

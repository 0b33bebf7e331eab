package io.github.aemclient.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AccessToken;
import io.github.aemclient.ImsException;
import io.github.aemclient.testkit.AemRequest;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsRequest;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.MutableClock;
import io.github.aemclient.testkit.TestOAuthCredentials;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OAuth Server-to-Server credentials, end to end against the strict stand-ins. */
class OAuthModeTest {

    static final TestOAuthCredentials CREDENTIAL = TestOAuthCredentials.generate();

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.startingNow();
    ImsStandIn ims;
    AemStandIn aem;
    AemStandIn otherOrigin;

    @BeforeEach
    void start() {
        ims = ImsStandIn.start().register(CREDENTIAL).clock(clock);
        aem = AemStandIn.start(ims).requireApiKey();
        otherOrigin = AemStandIn.start(ims).allowAnonymous();
    }

    @AfterEach
    void stop() {
        otherOrigin.close();
        aem.close();
        ims.close();
    }

    AemEnvironment.Builder author() {
        return AemEnvironment.builder("author").url(aem.url().toString()).imsUrl(ims.url().toString()).clock(clock)
                .property("client-id", CREDENTIAL.clientId()).property("client-secret", CREDENTIAL.clientSecret())
                .property("scopes", CREDENTIAL.scopesText());
    }

    /**
     * Rerouted by a filter after authentication: neither the token nor the API key goes along. Sent to another
     * Adobe API by the application itself, with the environment's token and client id: both stay, unsaid.
     */
    @Test
    void aReroutedCallLosesTokenAndApiKeyAndTheApplicationsOwnCallElsewhereKeepsBoth() {
        jakarta.ws.rs.client.ClientRequestFilter reroute = request -> request.setUri(jakarta.ws.rs.core.UriBuilder
                .fromUri(request.getUri()).host(otherOrigin.url().getHost()).port(otherOrigin.url().getPort()).build());
        try (io.github.aemclient.support.CapturedLogs logs = io.github.aemclient.support.CapturedLogs.capture();
                AemEnvironment author = author().build()) {
            author.target().path("/adobe/rerouted").register(reroute).request().get().close();
            AemRequest rerouted = otherOrigin.requests().get(otherOrigin.requests().size() - 1);
            assertThat(rerouted.path()).isEqualTo("/adobe/rerouted");
            assertThat(rerouted.authorization()).isEmpty();
            assertThat(rerouted.header("x-api-key")).isEmpty();
            assertThat(logs.messages()).filteredOn(m -> m.startsWith("A request filter sent")).hasSize(1);

            String token = author.tokenProvider().orElseThrow().getAccessToken().value();
            author.client().target(otherOrigin.url()).path("/cloudmanager").request()
                    .header(jakarta.ws.rs.core.HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("x-api-key", CREDENTIAL.clientId()).get().close();
            AemRequest own = otherOrigin.requests().get(otherOrigin.requests().size() - 1);
            assertThat(own.authorization()).contains("Bearer " + token);
            assertThat(own.header("x-api-key")).contains(CREDENTIAL.clientId());
            assertThat(logs.messages()).filteredOn(m -> m.startsWith("A request filter sent")).hasSize(1);
        }
    }

    @Test
    void theModeFollowsFromTheClientIdAndCallsCarryTheTokenAndTheApiKey() {
        try (AemEnvironment author = author().build()) {
            assertThat(author.mode()).isEqualTo(AuthMode.OAUTH);
            for (int i = 0; i < 5; i++) {
                try (Response response = author.target().path("/adobe/folders/").request().get()) {
                    assertThat(response.getStatus()).as(response.readEntity(String.class)).isEqualTo(200);
                }
            }
        }
        assertThat(ims.successfulExchanges()).isEqualTo(1);
        ImsRequest exchange = ims.requests().get(0);
        assertThat(exchange.path()).isEqualTo("/ims/token/v3");
        // Sent as a properly encoded form: the stand-in decoded the secret's '+', '&', '=', '%', ' ' and 'é' back.
        assertThat(exchange.form()).isEqualTo(Map.of("grant_type", "client_credentials", "client_id",
                CREDENTIAL.clientId(), "client_secret", CREDENTIAL.clientSecret(), "scope", CREDENTIAL.scopesText()));
        AemRequest call = aem.requests().get(aem.requests().size() - 1);
        assertThat(call.header("x-api-key")).contains(CREDENTIAL.clientId());
        assertThat(call.bearerToken()).hasValueSatisfying(token ->
                assertThat(ims.clientIdOf(token)).contains(CREDENTIAL.clientId()));
    }

    @Test
    void neitherTheTokenNorTheApiKeyGoesToAnotherOrigin() {
        try (AemEnvironment author = author().build()) {
            author.client().target(otherOrigin.url()).path("/adobe/folders/").request().get().close();
        }
        AemRequest elsewhere = otherOrigin.requests().get(0);
        assertThat(elsewhere.header("authorization")).isEmpty();
        assertThat(elsewhere.header("x-api-key")).isEmpty();
    }

    @Test
    void withoutTheApiKeyTheOpenApiGatewayRefusesSoTheStandInChecksIt() {
        try (AemEnvironment author = author().build()) {
            String token = author.tokenProvider().orElseThrow().getAccessToken().value();
            try (Response response = jakarta.ws.rs.client.ClientBuilder.newClient().target(aem.url())
                    .path("/adobe/folders/").request().header("Authorization", "Bearer " + token).get()) {
                assertThat(response.getStatus()).isEqualTo(403);
                assertThat(response.readEntity(String.class)).contains("Api Key is required");
            }
        }
    }

    @Test
    void aSecretFileWithATrailingNewlineAsSecretStoresWriteIt() {
        Path secret = CREDENTIAL.writeSecretTo(dir.resolve("client-secret"));
        try (AemEnvironment author = AemEnvironment.fromProperties("author", Map.of(
                "aem.author.url", aem.url().toString(), "aem.author.ims-url", ims.url().toString(),
                "aem.author.client-id", " " + CREDENTIAL.clientId() + " ",
                "aem.author.client-secret-file", secret.toString(),
                "aem.author.scopes", " openid , AdobeID,aem.folders,, ")) ) {
            author.target().path("/adobe/folders/").request().get().close();
        }
        assertThat(ims.requests()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.form()).containsEntry("scope", "openid,AdobeID,aem.folders")
                    .containsEntry("client_id", CREDENTIAL.clientId());
        });
    }

    @Test
    void aSecretFileWithAByteOrderMarkAndWindowsLineEnds() throws Exception {
        Path secret = java.nio.file.Files.writeString(dir.resolve("secret-bom"),
                "\uFEFF" + CREDENTIAL.clientSecret() + "\r\n", java.nio.charset.StandardCharsets.UTF_8);
        try (AemEnvironment author = AemEnvironment.builder("author").url(aem.url().toString())
                .imsUrl(ims.url().toString()).property("client-id", CREDENTIAL.clientId())
                .property("client-secret-file", secret.toString()).property("scopes", "openid").build()) {
            assertThat(author.target().path("/adobe/folders/").request().get().getStatus()).isEqualTo(200);
        }
    }

    @Test
    void theTokenIsRenewedInTheBackgroundWithExpiresInReadAsSeconds() {
        ims.tokenLifetime(Duration.ofHours(24));
        try (AemEnvironment author = author().renewalExecutor(Runnable::run).build()) {
            AccessToken first = author.tokenProvider().orElseThrow().getAccessToken();
            // Seconds, not milliseconds: a token of 86,400 s lives a day, not 86 s.
            assertThat(Duration.between(first.obtainedAt(), first.expiresAt())).isEqualTo(Duration.ofHours(24));
            clock.advance(Duration.ofHours(12).plusMinutes(1));
            author.target().path("/adobe/folders/").request().get().close();
            AccessToken second = author.tokenProvider().orElseThrow().getAccessToken();
            assertThat(second).isNotEqualTo(first);
        }
        assertThat(ims.successfulExchanges()).isEqualTo(2);
    }

    @Test
    void aRevokedTokenIsReplacedAndTheReplayCarriesTheApiKeyAgain() {
        try (AemEnvironment author = author().build()) {
            author.target().path("/adobe/folders/").request().get().close();
            ims.revokeAll();
            try (Response response = author.target().path("/adobe/folders/").request()
                    .put(Entity.json("{\"name\":\"x\"}"))) {
                assertThat(response.getStatus()).isEqualTo(200);
            }
        }
        List<AemRequest> calls = aem.requests();
        assertThat(calls.get(calls.size() - 2).status()).isEqualTo(401);
        AemRequest replay = calls.get(calls.size() - 1);
        assertThat(replay.method()).isEqualTo("PUT");
        assertThat(replay.header("x-api-key")).contains(CREDENTIAL.clientId());
        assertThat(ims.successfulExchanges()).isEqualTo(2);
    }

    @Test
    void aScopeNotGrantedIsAConfigurationErrorNamingTheSettingAndIsNotRetried() {
        try (AemEnvironment author = author().property("scopes", "openid,aem.sites.admin").build()) {
            assertThatThrownBy(() -> author.target().path("/adobe/folders/").request().get())
                    .isInstanceOf(ProcessingException.class).cause().isInstanceOfSatisfying(ImsException.class, e -> {
                        assertThat(e.isConfigurationError()).isTrue();
                        assertThat(e.error()).contains("invalid_scope");
                        assertThat(e.getMessage()).contains("a requested scope is not granted")
                                .doesNotContain(CREDENTIAL.clientSecret());
                    });
        }
        assertThat(ims.requests()).hasSize(1);
    }

    /** The OAuth flow's own hints: the same codes point at other settings than in the JWT flow. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "invalid_client      | check the client id and client secret against the OAuth Server-to-Server credential in the Adobe Developer Console (a rotated secret must be replaced here too)",
        "invalid_scope       | a requested scope is not granted to this credential: copy the scopes the Developer Console shows for it, or add the API to the project",
        "unauthorized_client | this credential may not use the client_credentials grant: it must be an OAuth Server-to-Server credential",
        "bad_request         | IMS could not read the request (is ims-url pointing at IMS?)"})
    void eachOAuthRefusalComesWithItsOwnHint(String error, String hint) {
        ims.enqueue(io.github.aemclient.testkit.Fault.error(400, error, "refused"));
        try (AemEnvironment author = author().build()) {
            assertThatThrownBy(() -> author.tokenProvider().orElseThrow().getAccessToken())
                    .isInstanceOfSatisfying(ImsException.class, e -> assertThat(e.isConfigurationError()).isTrue())
                    .hasMessageEndingWith("HTTP 400 " + error + " (refused): " + hint);
        }
    }

    @Test
    void oauthSettingsNextToServiceCredentialsAreAConflictNamingBoth() {
        assertThatThrownBy(() -> author().credentials("{}").build())
                .hasMessageContaining("Conflicting credentials for environment 'author'")
                .hasMessageContaining("aem.author.credentials").hasMessageContaining("aem.author.client-id");
        assertThatThrownBy(() -> author().mode(AuthMode.SERVICE).build())
                .hasMessageContaining("aem.author.mode is 'service' but aem.author.client-id and aem.author.client-secret"
                        + " and aem.author.scopes are also set");
    }

    @Test
    void theDefaultImsIsAdobesAndPlainHttpToItIsRefused() {
        assertThatThrownBy(() -> author().imsUrl("http://ims.example.com").build())
                .hasMessageContaining("aem.author.ims-url is plain http to ims.example.com: the client secret would"
                        + " cross the network unencrypted");
        try (AemEnvironment author = AemEnvironment.builder("author").url(aem.url().toString())
                .property("client-id", "x").property("client-secret", CREDENTIAL.clientSecret())
                .property("scopes", "openid").build()) {
            assertThat(author.toString()).contains("imsUrl=https://ims-na1.adobelogin.com")
                    .doesNotContain(CREDENTIAL.clientSecret()).doesNotContain(CREDENTIAL.clientSecret().substring(0, 12));
        }
    }
}

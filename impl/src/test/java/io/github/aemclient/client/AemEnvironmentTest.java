package io.github.aemclient.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.ImsException;
import io.github.aemclient.TokenExpiredException;
import io.github.aemclient.client.AuthMode;
import io.github.aemclient.internal.filter.Origin;
import io.github.aemclient.support.CapturedLogs;
import io.github.aemclient.testkit.AemRequest;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import jakarta.json.Json;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain-Java entry point through RESTEasy's client, against the IMS and AEM stand-ins. */
class AemEnvironmentTest {

    static final TestCredentials TEST = TestCredentials.generate();
    static ImsStandIn ims;
    static AemStandIn aem;
    static AemStandIn otherOrigin;

    @TempDir
    static Path dir;
    static Path credentialsFile;

    @BeforeAll
    static void start() {
        ims = ImsStandIn.start().register(TEST);
        aem = AemStandIn.start(ims);
        otherOrigin = AemStandIn.start(ims).allowAnonymous();
        credentialsFile = TEST.writeTo(dir.resolve("credentials.json"));
    }

    @AfterAll
    static void stop() {
        otherOrigin.close();
        aem.close();
        ims.close();
    }

    static String principal(String json) {
        return Json.createReader(new StringReader(json)).readObject().getString("principal");
    }

    AemEnvironment service() {
        return AemEnvironment.builder("author").url(aem.url().toString()).credentialsFile(credentialsFile)
                .imsUrl(ims.url().toString()).build();
    }

    @Test
    void a401ForASupersededTokenNeverDropsTheNewerOneThroughTheFilter() throws Exception {
        try (AemEnvironment author = service()) {
            io.github.aemclient.AccessTokenProvider tokens = author.tokenProvider().orElseThrow();
            io.github.aemclient.AccessToken first = tokens.getAccessToken();
            int exchanges = ims.successfulExchanges();
            // A request carrying the first token is held at AEM while that token is replaced and revoked.
            aem.enqueue(io.github.aemclient.testkit.Fault.delay(Duration.ofMillis(1500)));
            java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(1);
            jakarta.ws.rs.client.ClientRequestFilter afterAuthentication = request -> sent.countDown();
            java.util.concurrent.CompletableFuture<Integer> slow = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try (Response response = author.target().path("/content/slow.json")
                                .register(afterAuthentication, jakarta.ws.rs.Priorities.USER).request().get()) {
                            return response.getStatus();
                        }
                    });
            // The request carries the first token once the filters after the library's have run; AEM then holds it
            // for 1.5 s before checking the token.
            assertThat(sent.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            tokens.invalidate(first);
            io.github.aemclient.AccessToken second = tokens.getAccessToken();
            assertThat(second).isNotEqualTo(first);
            ims.revoke(first.value());

            assertThat(slow.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("replayed with the newer token")
                    .isEqualTo(200);
            assertThat(tokens.getAccessToken()).as("the newer token survives the late 401").isEqualTo(second);
            assertThat(ims.successfulExchanges() - exchanges).isEqualTo(1);
            List<AemRequest> slowCalls = aem.requests().stream().filter(r -> r.path().equals("/content/slow.json"))
                    .toList();
            assertThat(slowCalls).extracting(AemRequest::status).as("a 401 for the first token, then the replay")
                    .containsExactly(401, 200);
        }
    }

    /**
     * JAX-RS keeps one provider instance of a class per client, so a second environment applied to a client
     * would be ignored (its requests unauthenticated): refused, naming both. Applying the same one again is
     * harmless.
     */
    @Test
    void oneClientServesOneEnvironment() {
        try (AemEnvironment author = service();
                AemEnvironment local = AemEnvironment.builder("local").url(otherOrigin.url().toString()).build()) {
            ClientBuilder builder = author.applyTo(author.applyTo(ClientBuilder.newBuilder()));

            assertThatThrownBy(() -> local.applyTo(builder)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Cannot apply AEM environment 'local' to a client that already"
                            + " authenticates for another one (AemAuthenticationFilter[origin=" + Origin.of(aem.url()))
                    .hasMessageEndingWith("Use a client per environment (its client(), or applyTo on a new"
                            + " ClientBuilder)");
            Client mine = builder.build();
            try {
                assertThatThrownBy(() -> local.applyTo(mine.target(otherOrigin.url())))
                        .isInstanceOf(IllegalStateException.class);
                assertThat(mine.target(aem.url()).path("/content/once.json").request().get().getStatus()).isEqualTo(200);
            } finally {
                mine.close();
            }
        }
    }

    @Test
    void applyToMakesAClientOfYourOwnAuthenticateAsTheEnvironmentsOwnDoes() {
        try (AemEnvironment author = service()) {
            author.target().path("/content/first.json").request().get(String.class);
            int exchanges = ims.successfulExchanges();
            Client mine = author.applyTo(ClientBuilder.newBuilder()).build();
            try {
                assertThat(principal(mine.target(aem.url()).path("/content/mine.json").request().get(String.class)))
                        .isEqualTo(TEST.technicalAccountId());
                assertThat(ims.successfulExchanges()).as("the environment's token is shared").isEqualTo(exchanges);

                int elsewhere = otherOrigin.requests().size();
                mine.target(otherOrigin.url()).path("/content/x.json").request().get().close();
                assertThat(otherOrigin.requests().get(elsewhere).header("authorization")).isEmpty();

                // A revoked token: the 401 is answered by a replay with a new token, started from the snapshot.
                ims.revokeAll();
                try (Response response = mine.target(aem.url()).path("/content/after-revocation.json").request()
                        .header("X-Mine", "kept").get()) {
                    assertThat(response.getStatus()).isEqualTo(200);
                }
                AemRequest replayed = aem.requests().get(aem.requests().size() - 1);
                assertThat(replayed.path()).isEqualTo("/content/after-revocation.json");
                assertThat(replayed.header("x-mine")).contains("kept");
                assertThat(mine.getConfiguration().getProperty(AemEnvironment.JERSEY_FOLLOW_REDIRECTS)).isEqualTo(false);
                assertThat(mine.getConfiguration().getProperty(AemEnvironment.RESTEASY_FOLLOW_REDIRECTS))
                        .isEqualTo(false);
            } finally {
                mine.close();
            }
        }
    }

    @Test
    void anUnknownSettingKeyIsRefusedNamingTheClosestKnownOne() {
        AemEnvironment.Builder builder = AemEnvironment.builder("author");
        assertThatThrownBy(() -> builder.property("refresh-ration", "0.5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown AEM setting 'refresh-ration'")
                .hasMessageContaining("did you mean 'refresh-ratio' (aem.author.refresh-ratio)?");
        assertThatThrownBy(() -> builder.property("aem.author.read-timeout", "5s"))
                .hasMessageContaining("give the key alone: 'read-timeout'");
        assertThatThrownBy(() -> builder.property("colour", "blue"))
                .hasMessageContaining("known settings: url, credentials-file, credentials, token-file");
        assertThat(builder.property("Read-Timeout".toLowerCase(java.util.Locale.ROOT), "5s")).isSameAs(builder);
        assertThatThrownBy(() -> builder.property("pass", "x")).hasMessageContaining("did you mean 'password'");
        assertThatThrownBy(() -> builder.property("timeout", "5s"))
                .hasMessageContaining("did you mean 'connect-timeout' (aem.author.connect-timeout) or 'read-timeout'");
        assertThatThrownBy(() -> builder.property("aem.publish.url", "x"))
                .hasMessageContaining("give the key alone: 'url'");
        assertThatThrownBy(() -> builder.property("ttl", "x")).hasMessageContaining("known settings:");
        assertThatThrownBy(() -> builder.property("x".repeat(100_000), "x")).hasMessageContaining("x…'")
                .message().hasSizeLessThan(1000);
    }

    @Test
    void aConfigurationFunctionReturningNullIsNamedAsTheMistakeItIs() {
        assertThatThrownBy(() -> AemEnvironment.builder("author").buildFrom(name -> null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("The configuration function returned null for aem.author.url; return Optional.empty()"
                        + " for an absent value");
    }

    @Test
    void everyCallCarriesTheBearerTokenAndManyCallsCostOneExchange() {
        int before = ims.successfulExchanges();
        try (AemEnvironment author = service()) {
            for (int i = 0; i < 20; i++) {
                assertThat(principal(author.target().path("/content/wknd.json").request().get(String.class))).isEqualTo(TEST.technicalAccountId());
            }
            assertThat(author.mode()).isEqualTo(AuthMode.SERVICE);
            assertThat(author.tokenProvider()).isPresent();
        }
        assertThat(ims.successfulExchanges() - before).isEqualTo(1);
        AemRequest last = aem.requests().get(aem.requests().size() - 1);
        assertThat(last.authorization()).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer ey"));
        assertThat(last.path()).isEqualTo("/content/wknd.json");
    }

    @Test
    void requestsToAnyOtherOriginGoOutWithoutCredentials() {
        try (AemEnvironment author = service()) {
            Response response = author.client().target(otherOrigin.url()).path("/elsewhere").request().get();
            response.close();
        }
        AemRequest elsewhere = otherOrigin.requests().get(otherOrigin.requests().size() - 1);
        assertThat(elsewhere.path()).isEqualTo("/elsewhere");
        assertThat(elsewhere.authorization()).isEmpty();
    }

    /**
     * A filter after the library's (the usual priority, USER) that sends an AEM request elsewhere: the request
     * goes without the token, once said as a warning naming both origins and what to do, never the token;
     * a header that filter puts for the other host itself stays.
     */
    @Test
    void aRequestAFilterReroutesAfterAuthenticationLeavesWithoutCredentials() {
        jakarta.ws.rs.client.ClientRequestFilter reroute = request -> request.setUri(
                jakarta.ws.rs.core.UriBuilder.fromUri(request.getUri()).host(otherOrigin.url().getHost())
                        .port(otherOrigin.url().getPort()).build());
        try (CapturedLogs logs = CapturedLogs.capture(); AemEnvironment author = service()) {
            String token = author.tokenProvider().orElseThrow().getAccessToken().value();
            author.target().path("/rerouted").register(reroute).request().get().close();
            assertThat(logs.messages(java.util.logging.Level.WARNING)).as("said at once").hasSize(1);
            author.target().path("/rerouted-again").register(reroute).request().get().close();
            jakarta.ws.rs.client.ClientRequestFilter rerouteWithItsOwn = request -> {
                reroute.filter(request);
                request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer for-the-other-host");
            };
            author.target().path("/rerouted-with-its-own").register(rerouteWithItsOwn).request().get().close();
            jakarta.ws.rs.client.ClientRequestFilter rerouteAddingAValue = request -> {
                reroute.filter(request);
                request.getHeaders().add(HttpHeaders.AUTHORIZATION, "Gateway g-1");
            };
            author.target().path("/rerouted-adding-a-value").register(rerouteAddingAValue).request().get().close();
            author.target().path("/stays").request().get().close();
            author.client().target(otherOrigin.url()).path("/sent-there-by-the-application").request()
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).get().close();

            assertThat(otherOrigin.requests()).filteredOn(r -> r.path().startsWith("/rerouted"))
                    .extracting(AemRequest::path, AemRequest::authorization).containsExactly(
                            tuple("/rerouted", Optional.empty()), tuple("/rerouted-again", Optional.empty()),
                            tuple("/rerouted-with-its-own", Optional.of("Bearer for-the-other-host")),
                            tuple("/rerouted-adding-a-value", Optional.of("Gateway g-1")));
            assertThat(otherOrigin.requests().get(otherOrigin.requests().size() - 1).authorization())
                    .as("sent there by the application itself").contains("Bearer " + token);
            assertThat(aem.requests().get(aem.requests().size() - 1).authorization()).contains("Bearer " + token);
            assertThat(logs.messages(java.util.logging.Level.WARNING)).singleElement().asString()
                    .isEqualTo("A request filter sent a request authenticated for " + Origin.of(aem.url()) + " to http://"
                            + otherOrigin.url().getHost() + ":" + otherOrigin.url().getPort() + "; it went without the"
                            + " credentials, which only go to the environment's url. To reach AEM through another host"
                            + " (a gateway), make that host the url; a filter that routes requests must run before"
                            + " authentication (priority below Priorities.AUTHENTICATION)");
            assertThat(logs.messages()).filteredOn(m -> m.startsWith("A request filter sent")).hasSize(3);
            assertThat(logs.all()).doesNotContain(token);
        }
    }

    @Test
    void basicCredentialsGoOnlyToTheConfiguredOriginToo() {
        try (AemStandIn sdk = AemStandIn.startLocalSdk().withBasicUser("admin", "admin");
                AemEnvironment local = AemEnvironment.builder("local").url(sdk.url().toString())
                        .basicAuth("admin", "admin").build()) {
            local.client().target(otherOrigin.url()).path("/elsewhere-basic").request().get().close();
            local.target().path("/here").request().get().close();

            assertThat(otherOrigin.requests()).filteredOn(r -> r.path().equals("/elsewhere-basic")).singleElement()
                    .satisfies(r -> assertThat(r.authorization()).isEmpty());
            assertThat(sdk.requests()).singleElement().satisfies(r -> assertThat(r.authorization())
                    .hasValueSatisfying(h -> assertThat(h).startsWith("Basic ")));
        }
    }

    @Test
    void nothingIsRegisteredInJmx() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> before = server.queryNames(null, null);
        try (AemEnvironment author = service()) {
            author.target().path("/jmx").request().get().close();
            author.tokenProvider().orElseThrow().getAccessToken();

            Set<ObjectName> added = new HashSet<>(server.queryNames(null, null));
            added.removeAll(before);
            assertThat(added).as("MBeans registered while an environment is in use").isEmpty();
            // the test JVM is shared: an MBean an earlier test's environment left behind is in 'before' too
            for (ObjectName name : server.queryNames(null, null)) {
                assertThat(server.getObjectInstance(name).getClassName()).as(name.toString())
                        .doesNotStartWith("io.github.aemclient");
            }
        }
    }

    /**
     * A caller that finds a renewal running waits for it as long as it can take (retry budget, one attempt's
     * timeouts and a second): here the renewal's one IMS answer comes after 2.5 s, within its 5 s read timeout,
     * so the second caller must get that token, not give up (a wait without the read timeout would end at 1.7 s).
     */
    @Test
    void aCallerJoiningARenewalWaitsForItAsLongAsThatRenewalCanTake() throws Exception {
        try (AemEnvironment author = AemEnvironment.builder("author").url(aem.url().toString())
                .credentialsFile(credentialsFile).imsUrl(ims.url().toString()).connectTimeout(Duration.ofMillis(500))
                .readTimeout(Duration.ofSeconds(5)).property("retry-max-duration", "200ms").build()) {
            int received = ims.received();
            int exchanges = ims.successfulExchanges();
            ims.enqueue(Fault.delay(Duration.ofMillis(2500)));
            java.util.concurrent.CompletableFuture<io.github.aemclient.AccessToken> first =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> author.tokenProvider().orElseThrow()
                            .getAccessToken());
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (ims.received() == received && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(ims.received()).as("the first caller's exchange reached IMS").isEqualTo(received + 1);

            io.github.aemclient.AccessToken joined = author.tokenProvider().orElseThrow().getAccessToken();

            assertThat(joined).isEqualTo(first.get());
            assertThat(ims.successfulExchanges()).isEqualTo(exchanges + 1);
        }
    }

    @Test
    void aRevokedTokenIsReplacedAndTheRequestReplayedOnce() {
        try (AemEnvironment author = service()) {
            author.target().path("/a").request().get().close();
            int exchanges = ims.successfulExchanges();
            int aemCalls = aem.requests().size();
            ims.revokeAll();

            try (Response response = author.target().path("/b").request().get()) {
                assertThat(response.getStatus()).isEqualTo(200);
                assertThat(principal(response.readEntity(String.class))).isEqualTo(TEST.technicalAccountId());
            }
            assertThat(ims.successfulExchanges()).isEqualTo(exchanges + 1);
            assertThat(aem.requests().subList(aemCalls, aem.requests().size()))
                    .extracting(AemRequest::path, AemRequest::status)
                    .containsExactly(tuple("/b", 401), tuple("/b", 200));
        }
    }

    @Test
    void aPutIsReplayedWithItsEntityAndHeaders() {
        try (AemEnvironment author = service()) {
            author.target().path("/warm").request().get().close();
            ims.revokeAll();

            try (Response response = author.target().path("/content/x").request()
                    .header("X-Request-Id", "r-42")
                    .put(Entity.json("{\"title\":\"Hello\"}"))) {
                assertThat(response.getStatus()).isEqualTo(200);
            }
            AemRequest rejected = aem.requests().get(aem.requests().size() - 2);
            AemRequest replayed = aem.requests().get(aem.requests().size() - 1);
            assertThat(rejected.path()).isEqualTo("/content/x");
            assertThat(rejected.status()).as("the first send was rejected").isEqualTo(401);
            assertThat(replayed.method()).isEqualTo("PUT");
            assertThat(replayed.status()).isEqualTo(200);
            assertThat(replayed.body()).isEqualTo("{\"title\":\"Hello\"}");
            assertThat(replayed.header("X-Request-Id")).as("the caller's header, replayed").contains("r-42");
            assertThat(replayed.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(replayed.bearerToken()).isPresent().isNotEqualTo(rejected.bearerToken());
        }
    }

    @Test
    void aPostOrAStreamIsNotReplayedButTheNextCallHasANewToken() {
        try (AemEnvironment author = service()) {
            author.target().path("/warm").request().get().close();
            ims.revokeAll();
            try (Response post = author.target().path("/post").request().post(Entity.text("x"))) {
                assertThat(post.getStatus()).isEqualTo(401);
            }
            try (Response next = author.target().path("/next").request().get()) {
                assertThat(next.getStatus()).isEqualTo(200);
            }

            ims.revokeAll();
            try (Response stream = author.target().path("/stream").request().put(Entity.text(
                    new ByteArrayInputStream("data".getBytes(StandardCharsets.UTF_8))))) {
                assertThat(stream.getStatus()).isEqualTo(401);
            }
        }
    }

    @Test
    void aSecond401GoesBackToTheCallerWithoutALoop() {
        try (AemEnvironment author = service()) {
            author.target().path("/warm").request().get().close();
            int aemCalls = aem.requests().size();
            aem.enqueue(Fault.body(401, "application/json", "{\"error\":\"revoked\"}"),
                    Fault.body(401, "application/json", "{\"error\":\"still revoked\"}"));

            try (Response response = author.target().path("/twice").request().get()) {
                assertThat(response.getStatus()).isEqualTo(401);
                assertThat(response.readEntity(String.class)).contains("still revoked");
            }
            assertThat(aem.requests().size() - aemCalls).as("original + one replay").isEqualTo(2);
        }
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowedAndCarriesNoCredentials() {
        int elsewhereBefore = otherOrigin.requests().size();
        try (AemEnvironment author = service()) {
            try (Response response = author.target().path("/testkit/redirect")
                    .queryParam("to", otherOrigin.url() + "/leak").request().get()) {
                assertThat(response.getStatus()).isEqualTo(302);
                assertThat(response.getLocation()).hasToString(otherOrigin.url() + "/leak");
            }
        }
        assertThat(otherOrigin.requests()).hasSize(elsewhereBefore);
    }

    @Test
    void imsRefusalsSurfaceAsTheCauseOfTheJaxRsError() {
        TestCredentials unknown = TestCredentials.generate();
        try (AemEnvironment author = AemEnvironment.builder("author").url(aem.url().toString())
                .credentials(unknown.json()).imsUrl(ims.url().toString()).build()) {
            assertThatThrownBy(() -> author.target().path("/x").request().get(String.class))
                    .isInstanceOf(ProcessingException.class)
                    .hasRootCauseInstanceOf(ImsException.class)
                    .rootCause().hasMessageContaining("invalid_client");
        }
    }

    @Test
    void aDeveloperTokenIsSentAsIsAndItsExpiryIsReported() {
        String token = ims.issueDeveloperToken(Instant.now().minus(Duration.ofHours(1)), Duration.ofHours(24));
        try (AemEnvironment dev = AemEnvironment.builder("dev").url(aem.url().toString())
                .token("{\"ok\":true,\"statusCode\":200,\"accessToken\":\"" + token + "\"}").build()) {
            assertThat(principal(dev.target().path("/x").request().get(String.class)))
                    .isEqualTo("developer@example.com");
        }
        String expired = ims.issueDeveloperToken(Instant.now().minus(Duration.ofHours(25)), Duration.ofHours(24));
        try (AemEnvironment dev = AemEnvironment.builder("dev").url(aem.url().toString()).token(expired).build()) {
            assertThatThrownBy(() -> dev.target().path("/x").request().get(String.class))
                    .hasRootCauseInstanceOf(TokenExpiredException.class);
        }
    }

    @Test
    void aLocalSdkWithBasicAuthOrAnonymously() {
        try (AemStandIn sdk = AemStandIn.startLocalSdk().withBasicUser("admin", "admin");
                AemEnvironment local = AemEnvironment.builder("local").url(sdk.url().toString())
                        .basicAuth("admin", "admin").build()) {
            assertThat(principal(local.target().path("/x").request().get(String.class))).isEqualTo("admin");
            assertThat(local.tokenProvider()).isEmpty();
            assertThat(local.toString()).doesNotContain("admin\", ").contains("password=<redacted>");
        }
        try (AemStandIn sdk = AemStandIn.startLocalSdk().allowAnonymous();
                AemEnvironment local = AemEnvironment.builder("local").url(sdk.url().toString()).build()) {
            assertThat(local.mode()).isEqualTo(AuthMode.NONE);
            assertThat(principal(local.target().path("/x").request().get(String.class))).isEqualTo("anonymous");
            assertThat(sdk.requests().get(0).authorization()).isEmpty();
        }
    }

    @Test
    void fromPropertiesTakesTheSameSettings() {
        try (AemEnvironment author = AemEnvironment.fromProperties("author", Map.of(
                "aem.author.url", aem.url().toString(),
                "aem.author.credentials-file", credentialsFile.toString(),
                "aem.author.ims-url", ims.url().toString()))) {
            assertThat(principal(author.target().path("/p").request().get(String.class)))
                    .isEqualTo(TEST.technicalAccountId());
        }
    }

    @Test
    void theEnvironmentAnswersWithTheSettingsItWasBuiltFrom() {
        Path certificate = TestCredentials.writeTo(dir.resolve("trusted.pem"), TEST.certificatePem());
        try (AemEnvironment configured = AemEnvironment.fromProperties("author", Map.of(
                "aem.author.url", aem.url().toString(),
                "aem.author.credentials-file", credentialsFile.toString(),
                "aem.author.ims-url", ims.url().toString(),
                "aem.author.eager", "true",
                "aem.author.connect-timeout", "3s",
                "aem.author.read-timeout", "7s",
                "aem.author.trust-store", certificate.toString(),
                "aem.author.proxy-address", "127.0.0.1:3128"));
                AemEnvironment plain = AemEnvironment.fromProperties("plain", Map.of(
                        "aem.plain.url", aem.url().toString(), "aem.plain.mode", "none"))) {
            assertThat(configured.eager()).isTrue();
            assertThat(configured.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(configured.readTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(configured.sslContext()).isPresent();
            assertThat(configured.proxyAddress()).contains(InetSocketAddress.createUnresolved("127.0.0.1", 3128));
            assertThat(configured.network()).isEqualTo("trustStore=" + certificate + " (PEM, 1 certificate), proxy=127.0.0.1:3128");

            assertThat(plain.eager()).isFalse();
            assertThat(plain.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(plain.readTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(plain.sslContext()).isEmpty();
            assertThat(plain.proxyAddress()).isEmpty();
            assertThat(plain.network()).isEmpty();
        }
    }

    @Test
    void fromSystemReadsTheJvmsSystemProperties() {
        System.setProperty("aem.fromsystem.url", aem.url().toString());
        System.setProperty("aem.fromsystem.mode", "none");
        try (AemEnvironment environment = AemEnvironment.fromSystem("fromsystem")) {
            assertThat(environment.url()).isEqualTo(aem.url());
            assertThat(environment.mode()).isEqualTo(AuthMode.NONE);
        } finally {
            System.clearProperty("aem.fromsystem.url");
            System.clearProperty("aem.fromsystem.mode");
        }
    }

    @Test
    void buildFromTakesAConfigurationFunctionOfYourOwn() {
        Map<String, String> values = Map.of("aem.own.url", aem.url().toString(), "aem.own.mode", "none");
        try (AemEnvironment environment = AemEnvironment.builder("own")
                .buildFrom(name -> Optional.ofNullable(values.get(name)))) {
            assertThat(environment.url()).isEqualTo(aem.url());
            assertThat(environment.mode()).isEqualTo(AuthMode.NONE);
        }
        assertThatThrownBy(() -> AemEnvironment.builder("own").buildFrom(name -> null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("The configuration function returned null for aem.own.");
    }

    @Test
    void badSettingsFailTheBuild() {
        assertThatThrownBy(() -> AemEnvironment.builder("author").url("http://aem.example.com")
                .credentialsFile(credentialsFile).build())
                .isInstanceOf(AemConfigurationException.class)
                .hasMessageContaining("aem.author.url is plain http");
    }

    @Test
    void concurrentCallsAcrossRenewalsNeverFail() throws Exception {
        ImsStandIn shortLived = ImsStandIn.start().register(TEST).tokenLifetime(Duration.ofMillis(1500));
        try (AemStandIn shortAem = AemStandIn.start(shortLived);
                AemEnvironment author = AemEnvironment.builder("author").url(shortAem.url().toString())
                        .credentialsFile(credentialsFile).imsUrl(shortLived.url().toString()).build()) {
            List<Thread> threads = new ArrayList<>();
            AtomicInteger failures = new AtomicInteger();
            long until = System.nanoTime() + Duration.ofMillis(3500).toNanos();
            for (int t = 0; t < 8; t++) {
                Thread thread = new Thread(() -> {
                    while (System.nanoTime() < until) {
                        try (Response r = author.target().path("/load").request().get()) {
                            if (r.getStatus() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(failures.get()).isZero();
            // 3.5 s of traffic with tokens renewed at half of 1.5 s: a handful of exchanges, no storm.
            assertThat(shortLived.successfulExchanges()).isBetween(3, 8);
        } finally {
            shortLived.close();
        }
    }
}

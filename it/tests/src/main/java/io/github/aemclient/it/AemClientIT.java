package io.github.aemclient.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.it.app.AemApi;
import io.github.aemclient.it.app.AemResource;
import io.github.aemclient.it.app.RenewalThreads;
import io.github.aemclient.testkit.AemRequest;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import io.github.aemclient.testkit.TestOAuthCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One user-shaped application with several AEM environments (service, OAuth, developer, basic, anonymous) on the managed server of the module running
 * it (Payara Micro, WildFly or Open Liberty: each with its own JAX-RS client, CDI and MicroProfile
 * Config), checked against the stand-ins. The stand-ins run here, on the client side, and the server is
 * pointed at them through its configuration.
 */
@ExtendWith(ArquillianExtension.class)
class AemClientIT {

    static final Path WORK = directory("it-" + Server.name());
    static final TestCredentials AUTHOR = TestCredentials.generate();
    static final TestCredentials PUBLISH = TestCredentials.generate();
    static final TestCredentials FAST = TestCredentials.generate();
    static final ImsStandIn IMS = ImsStandIn.start().register(AUTHOR).register(PUBLISH);
    static final AemStandIn AEM = AemStandIn.start(IMS);
    /** Tokens of 4 s, so renewals happen while the test runs. */
    static final ImsStandIn FAST_IMS = ImsStandIn.start().register(FAST).tokenLifetime(Duration.ofSeconds(4));
    static final AemStandIn FAST_AEM = AemStandIn.start(FAST_IMS);
    /** An OAuth Server-to-Server credential for the OpenAPI-based AEM APIs, with tokens of 4 s. */
    static final TestOAuthCredentials ASSETS = TestOAuthCredentials.generate();
    static final ImsStandIn OAUTH_IMS = ImsStandIn.start().register(ASSETS).tokenLifetime(Duration.ofSeconds(4));
    static final AemStandIn OPENAPI_AEM = AemStandIn.start(OAUTH_IMS).requireApiKey();
    /** Configured through the server's environment variables (AEM_LOCAL_*), see the it module's pom. */
    static final AemStandIn LOCAL_SDK = AemStandIn.startLocalSdk(Server.reservedPort("it.local-sdk.port"))
            .withBasicUser("admin", "admin");
    /** Configured the server's own way: system properties (Payara, WildFly), server.xml variables (Liberty). */
    static final AemStandIn SITE = AemStandIn.startLocalSdk(Server.reservedPort("it.site.port")).allowAnonymous();

    @ArquillianResource
    URL base;

    /**
     * The environments are named "it-author" and "it-publish", not "author" and "publish": a developer who
     * exported AEM_AUTHOR_URL for the demo would otherwise point the servers of this suite (environment
     * variables outrank the WAR's microprofile-config.properties) at a real AEM.
     */
    @Deployment(testable = false)
    static WebArchive application() {
        Map<String, String> config = new HashMap<>();
        config.put("aem.it-author.url", AEM.url().toString());
        config.put("aem.it-author.credentials-file", AUTHOR.writeTo(WORK.resolve("author.json")).toString());
        config.put("aem.it-author.ims-url", IMS.url().toString());
        config.put("aem.it-publish.url", AEM.url().toString());
        config.put("aem.it-publish.credentials-file", PUBLISH.writeTo(WORK.resolve("publish.json")).toString());
        config.put("aem.it-publish.ims-url", IMS.url().toString());
        config.put("aem.dev.url", AEM.url().toString());
        config.put("aem.dev.token-file", TestCredentials.writeTo(WORK.resolve("dev-token.json"),
                "{\"ok\":true,\"statusCode\":200,\"accessToken\":\""
                        + IMS.issueDeveloperToken(Instant.now(), Duration.ofHours(24)) + "\"}").toString());
        config.put("aem.fast.url", FAST_AEM.url().toString());
        config.put("aem.fast.credentials-file", FAST.writeTo(WORK.resolve("fast.json")).toString());
        config.put("aem.fast.ims-url", FAST_IMS.url().toString());
        config.put("aem.assets.url", OPENAPI_AEM.url().toString());
        config.put("aem.assets.client-id", ASSETS.clientId());
        config.put("aem.assets.client-secret-file", ASSETS.writeSecretTo(WORK.resolve("assets-secret")).toString());
        config.put("aem.assets.scopes", ASSETS.scopesText());
        config.put("aem.assets.ims-url", OAUTH_IMS.url().toString());
        // The application's own JWT settings, as an application minting or verifying JWTs has them: the
        // library's assertion to IMS must not change (every exchange above would be refused).
        config.put("smallrye.jwt.new-token.issuer", "https://app.example.com");
        config.put("smallrye.jwt.new-token.audience", "app-audience");
        config.put("smallrye.jwt.new-token.lifespan", "99999");
        config.put("smallrye.jwt.new-token.override-matching-claims", "true");
        config.put("smallrye.jwt.new-token.signature-algorithm", "HS256");
        config.put("smallrye.jwt.sign.key.location", "/nonexistent/app-signing-key.pem");
        config.put("smallrye.jwt.sign.key.id", "app-kid");
        config.put("mp.jwt.verify.issuer", "https://app.example.com");
        return Deployments.war("aem-it", config, AemApi.class, AemResource.class, RenewalThreads.class,
                RenewalThreads.Obtained.class);
    }

    @AfterAll
    static void stopStandIns() {
        OPENAPI_AEM.close();
        OAUTH_IMS.close();
        SITE.close();
        LOCAL_SDK.close();
        FAST_AEM.close();
        FAST_IMS.close();
        AEM.close();
        IMS.close();
    }

    URI app(String path) {
        return Server.loopback(base, path);
    }

    HttpResponse<String> get(String environment, String path) {
        return Http.get(app("api/aem/" + environment + "?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8)));
    }

    @Test
    void everyCallCarriesTheBearerTokenAndManyCallsCostOneExchange() {
        for (int i = 0; i < 25; i++) {
            HttpResponse<String> response = get("author", "/content/wknd/page-" + i + ".json");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains(AUTHOR.technicalAccountId());
        }
        List<AemRequest> authorCalls = AEM.requests().stream()
                .filter(r -> r.principal().filter(AUTHOR.technicalAccountId()::equals).isPresent()).toList();

        assertThat(authorCalls).hasSizeGreaterThanOrEqualTo(25)
                .allSatisfy(r -> assertThat(r.authorization()).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer ")));
        assertThat(IMS.requests().stream().filter(r -> AUTHOR.clientId().equals(r.form().get("client_id"))).count())
                .as("IMS exchanges for author").isEqualTo(1);
    }

    @Test
    void twoEnvironmentsWithDifferentCredentialsEachGetTheirOwnToken() {
        HttpResponse<String> author = get("author", "/a");
        HttpResponse<String> publish = get("publish", "/p");

        assertThat(author.body()).contains(AUTHOR.technicalAccountId());
        assertThat(publish.statusCode()).as(publish.body()).isEqualTo(200);
        assertThat(publish.body()).contains(PUBLISH.technicalAccountId());
    }

    @Test
    void aDeveloperTokenEnvironment() {
        HttpResponse<String> response = get("dev", "/content/dev.json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("developer@example.com");
    }

    @Test
    void aLocalSdkEnvironmentConfiguredThroughEnvironmentVariables() {
        HttpResponse<String> response = get("local", "/content/local.json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"principal\":\"admin\"");
    }

    @Test
    void anEnvironmentConfiguredTheServersOwnWay() {
        HttpResponse<String> response = get("site", "/content/site.json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"principal\":\"anonymous\"");
        assertThat(SITE.requests()).filteredOn(r -> r.path().equals("/content/site.json"))
                .singleElement().satisfies(r -> assertThat(r.authorization()).isEmpty());
    }

    @Test
    void aRevokedTokenIsReplacedAndTheRequestReplayedInsideTheServer() {
        assertThat(get("publish", "/warm").statusCode()).isEqualTo(200);
        long exchanges = exchangesOf(PUBLISH);
        int aemCalls = AEM.requests().size();
        IMS.revokeTokensOf(PUBLISH.clientId());

        HttpResponse<String> response = get("publish", "/after-revocation");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains(PUBLISH.technicalAccountId());
        assertThat(exchangesOf(PUBLISH)).isEqualTo(exchanges + 1);
        assertThat(AEM.requests().subList(aemCalls, AEM.requests().size()).stream()
                .filter(r -> r.path().equals("/after-revocation")).map(AemRequest::status).toList())
                .containsExactly(401, 200);
    }

    @Test
    void aRedirectToAnotherOriginNeverCarriesTheToken() {
        URI uri = app("api/aem/author-redirect?to=" + URLEncoder.encode(SITE.url() + "/leak", StandardCharsets.UTF_8));
        HttpResponse<String> response = Http.get(uri);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body().strip()).as("status the application saw: the redirect, not followed").isEqualTo("302");
        assertThat(SITE.requests()).noneSatisfy(r -> assertThat(r.path()).isEqualTo("/leak"));
    }

    static long exchangesOf(TestCredentials credentials) {
        return IMS.requests().stream().filter(r -> r.status() == 200)
                .filter(r -> credentials.clientId().equals(r.form().get("client_id"))).count();
    }

    @Test
    void theTokenIsRenewedInsideTheServerWithoutAFailedCall() {
        int failures = 0;
        int calls = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // Steady traffic until the 4 s token has been renewed twice (or the deadline passes).
        while (FAST_IMS.successfulExchanges() < 3 && System.nanoTime() < deadline) {
            HttpResponse<String> response = get("fast", "/steady");
            calls++;
            if (response.statusCode() != 200) {
                failures++;
            }
        }

        assertThat(FAST_IMS.successfulExchanges()).as("exchanges after %d calls", calls).isGreaterThanOrEqualTo(3);
        assertThat(failures).as("failed calls out of %d", calls).isZero();
        assertThat(FAST_AEM.requests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        // Renewals run on the server's managed threads, with the application's context; never on a thread of
        // the library's own (aem-token-renewal-*), which is only for where there is no Jakarta Concurrency.
        // IMS counted the exchange before the server read its answer: wait for the server's third line
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String obtained;
        do {
            obtained = Http.get(app("api/aem/obtained/fast")).body();
        } while (obtained.lines().count() < 3 && System.nanoTime() < until);
        assertThat(obtained.lines()).as("threads that obtained tokens").hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(line -> assertThat(line).doesNotContain("'aem-token-renewal-")
                        .doesNotContain("(no java:comp)"));
    }

    @Test
    void anOAuthServerToServerEnvironmentCarriesTheApiKeyAndRenewsItsTokensUnderTraffic() {
        int failures = 0;
        int calls = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (OAUTH_IMS.successfulExchanges() < 3 && System.nanoTime() < deadline) {
            HttpResponse<String> response = get("assets", "/adobe/folders/");
            calls++;
            if (response.statusCode() != 200) {
                failures++;
            }
        }

        assertThat(OAUTH_IMS.successfulExchanges()).as("exchanges after %d calls", calls).isGreaterThanOrEqualTo(3);
        assertThat(failures).as("failed calls out of %d", calls).isZero();
        assertThat(OAUTH_IMS.requests()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/ims/token/v3"));
        assertThat(OPENAPI_AEM.requests()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("x-api-key")).contains(ASSETS.clientId());
        });
    }

    /**
     * The suite ran on the server it says and with that server's own JAX-RS client, not one the WAR brought:
     * Jersey on Payara, RESTEasy on WildFly, Liberty's repackaged RESTEasy on Open Liberty.
     */
    @Test
    void theInjectedTargetIsTheServersOwnJaxRsClient() {
        HttpResponse<String> response = Http.get(app("api/aem/client-implementation"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String expected = switch (Server.family()) {
            case "payara" -> "org.glassfish.jersey.";
            case "wildfly" -> "org.jboss.resteasy.";
            // Liberty repackages RESTEasy under its own name: a class from the WAR could not have this one.
            case "liberty" -> "io.openliberty.org.jboss.resteasy.";
            default -> throw new IllegalStateException("it.server is not set: " + Server.name());
        };
        assertThat(response.body().strip()).as("the JAX-RS client on " + Server.name()).startsWith(expected);
    }

    /**
     * The server runs on the Java and the Jakarta EE version its configuration names ({@code it.server.java}, the
     * lowest feature version allowed, and {@code it.server.rest}: 3.1 for Jakarta EE 10, 4.0 for 11), so that a
     * suite meant for Payara Micro 7 on Java 21+ cannot pass on Payara 6 or on the build's Java 17.
     */
    @Test
    void theServerRunsOnTheJavaAndJakartaEeItsConfigurationNames() {
        HttpResponse<String> response = Http.get(app("api/aem/platform"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String[] platform = response.body().strip().split(" ");
        assertThat(platform).hasSize(2);
        assertThat(Integer.parseInt(platform[0].substring("java=".length())))
                .as("the server's Java on " + Server.name())
                .isGreaterThanOrEqualTo(Integer.parseInt(Server.configured("it.server.java")));
        assertThat(platform[1]).as("Jakarta REST on " + Server.name())
                .isEqualTo("rest=" + Server.configured("it.server.rest"));
    }

    /**
     * The AEM_* variables of whoever runs the build never reach the server, where MicroProfile Config would
     * read them as settings (an AEM_AUTHOR_TOKEN_FILE in a developer's shell would break the suite): only the
     * it module's own AEM_LOCAL_* do. .ci/run sets such a variable to prove it.
     */
    @Test
    void theServerSeesNoneOfTheCallersAemVariables() {
        HttpResponse<String> response = Http.get(app("api/aem/environment-variable-names"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body().strip().split(","))
                .containsExactlyInAnyOrder("AEM_LOCAL_PASSWORD", "AEM_LOCAL_URL", "AEM_LOCAL_USERNAME");
    }

    @Test
    void theTokenProviderIsInjectableAndNeverRevealsTheTokenThroughThisApp() {
        HttpResponse<String> response = Http.get(app("api/aem/author-token-expiry"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Instant.parse(response.body().strip())).isAfter(Instant.now().plus(Duration.ofHours(23)));
    }

    static Path directory(String name) {
        try {
            return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.aemclient.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AccessToken;
import io.github.aemclient.ImsUnavailableException;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.json.Json;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.WebTarget;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.logging.Level;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The extension in Weld SE, configured through MicroProfile Config (system properties here). */
class AemClientExtensionTest extends CdiTestSupport {

    @Test
    void theTestsReadNoEnvironmentVariables() {
        assertThat(ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader()).getConfigSources())
                .hasAtLeastOneElementOfType(SysPropConfigSource.class)
                .noneMatch(source -> source instanceof io.smallrye.config.EnvConfigSource);
    }

    @Test
    void theRestClientDefaultsAndListenerAreRegisteredForServiceLoading() {
        assertThat(ServiceLoader.load(org.eclipse.microprofile.config.spi.ConfigSource.class).stream()
                .map(ServiceLoader.Provider::type)).contains(RestClientDefaults.class);
        assertThat(ServiceLoader.load(org.eclipse.microprofile.rest.client.spi.RestClientListener.class).stream()
                .map(ServiceLoader.Provider::type)).contains(AemRestClientListener.class);
    }

    @Test
    void theExtensionIsRegisteredForServiceLoading() {
        assertThat(ServiceLoader.load(Extension.class).stream()
                .map(ServiceLoader.Provider::type))
                .contains(AemClientExtension.class);
    }

    @Test
    void injectsAWebTargetWhoseCallsCarryTheTokenAndCostOneExchange() {
        service("author", AUTHOR);
        int before = ims.successfulExchanges();
        Beans.Author bean = start(Beans.Author.class).select(Beans.Author.class).get();

        for (int i = 0; i < 10; i++) {
            assertThat(principal(bean.aem.path("/content/a.json").request().get(String.class)))
                    .isEqualTo(AUTHOR.technicalAccountId());
        }
        assertThat(principal(bean.client.target(aem.url()).path("/b").request().get(String.class)))
                .isEqualTo(AUTHOR.technicalAccountId());
        assertThat(principal(bean.targets.get().path("/c").request().get(String.class)))
                .isEqualTo(AUTHOR.technicalAccountId());
        AccessToken token = bean.tokens.getAccessToken();

        assertThat(ims.successfulExchanges() - before).isEqualTo(1);
        assertThat(aem.requests().get(aem.requests().size() - 1).bearerToken()).contains(token.value());
    }

    @Test
    void twoEnvironmentsWithTheirOwnCredentialsGetTheirOwnTokens() {
        service("author", AUTHOR);
        service("publish", PUBLISH);
        Beans.AuthorAndPublish bean = start(Beans.AuthorAndPublish.class).select(Beans.AuthorAndPublish.class).get();

        assertThat(principal(bean.author.path("/a").request().get(String.class))).isEqualTo(AUTHOR.technicalAccountId());
        assertThat(principal(bean.publish.path("/p").request().get(String.class))).isEqualTo(PUBLISH.technicalAccountId());
    }

    @Test
    void developerTokenAndLocalSdkEnvironments() {
        String token = ims.issueDeveloperToken(Instant.now(), Duration.ofHours(24));
        configure("aem.dev.url", aem.url().toString());
        configure("aem.dev.token", token);
        try (AemStandIn sdk = AemStandIn.startLocalSdk().withBasicUser("admin", "admin")) {
            configure("aem.local.url", sdk.url().toString());
            configure("aem.local.username", "admin");
            configure("aem.local.password", "admin");
            Beans.DeveloperAndLocal bean = start(Beans.DeveloperAndLocal.class).select(Beans.DeveloperAndLocal.class).get();

            assertThat(principal(bean.dev.path("/d").request().get(String.class))).isEqualTo("developer@example.com");
            assertThat(principal(bean.local.path("/l").request().get(String.class))).isEqualTo("admin");
        }
    }

    @Test
    void aMissingPropertyFailsTheDeploymentNamingEnvironmentPropertyAndInjectionPoint() {
        configure("aem.broken.credentials-file", "/nowhere/creds.json");

        assertThatThrownBy(() -> start(Beans.Broken.class))
                .hasMessageContaining("AEM environment 'broken'")
                .hasMessageContaining("Beans$Broken.aem")
                .hasMessageContaining("aem.broken.url is missing")
                .hasMessageContaining("/nowhere/creds.json does not exist");
        assertReportedAsDeploymentException(() -> start(Beans.Broken.class), "AEM environment 'broken' (injected at");
    }

    /**
     * The problem the extension reports is a DeploymentException itself (what servers turn into a failed
     * deployment), not a RuntimeException the container happens to wrap.
     */
    private static void assertReportedAsDeploymentException(org.assertj.core.api.ThrowableAssert.ThrowingCallable start,
            String messageStart) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(start);
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        assertThat(chain).as("the exception and its causes")
                .anySatisfy(t -> {
                    assertThat(t.getClass()).isEqualTo(jakarta.enterprise.inject.spi.DeploymentException.class);
                    assertThat(t.getMessage()).startsWith(messageStart);
                });
    }

    @Test
    void aMistypedPropertyFailsTheDeploymentNamingItAndTheSettingMeant() {
        configure("aem.broken.url", aem.url().toString());
        configure("aem.broken.credentials", AUTHOR.json());
        configure("aem.broken.refresh-ration", "0.6");
        // smallrye-config lists property names once, when a Config is built (a server builds it at start-up):
        // this test's must be in the list.
        isolateConfiguration();

        assertThatThrownBy(() -> start(Beans.Broken.class))
                .hasMessageContaining("AEM environment 'broken'")
                .hasMessageContaining("aem.broken.refresh-ration is not an AEM setting; did you mean 'refresh-ratio'?");
    }

    @Test
    void aBadCredentialsFieldFailsTheDeploymentNamingTheField() {
        configure("aem.broken.url", aem.url().toString());
        configure("aem.broken.credentials", AUTHOR.json(i -> TestCredentials.JsonEdit.remove(i, "technicalAccount")));

        assertThatThrownBy(() -> start(Beans.Broken.class))
                .hasMessageContaining("AEM environment 'broken'")
                .hasMessageContaining("aem.broken.credentials")
                .hasMessageContaining("integration.technicalAccount is missing")
                .message().doesNotContain(AUTHOR.clientSecret());
    }

    /**
     * MicroProfile Config expands ${name} in every value: smallrye-config drops a value whose expression
     * names no property and throws on an unterminated one. A secret containing '${' is reported naming
     * its property, never quoting it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pa${S3cr3t", "pa${S3cr3t}word", "S3cr3t${"})
    void aPasswordWithAPropertyExpressionIsReportedNamingThePropertyAndTheEscape(String password) {
        configure("aem.broken.url", "http://localhost:4502");
        configure("aem.broken.username", "admin");
        configure("aem.broken.password", password);

        assertThatThrownBy(() -> start(Beans.Broken.class))
                .hasMessageContaining("AEM environment 'broken'")
                .hasMessageContaining("aem.broken.password (environment variable AEM_BROKEN_PASSWORD) could not be"
                        + " read: its value contains '${'")
                .hasMessageContaining("escape it as '\\${'")
                .message().doesNotContain("S3cr3t");
    }

    @Test
    void credentialsWithAPropertyExpressionAreReportedNamingThePropertyAndTheFileAlternative() {
        configure("aem.broken.url", aem.url().toString());
        configure("aem.broken.credentials", AUTHOR.json(i -> TestCredentials.JsonEdit.set(i,
                "technicalAccount.clientSecret", Json.createValue("p8e-${S3cr3t"))));

        assertThatThrownBy(() -> start(Beans.Broken.class))
                .hasMessageContaining("aem.broken.credentials (environment variable AEM_BROKEN_CREDENTIALS) could not"
                        + " be read: its value contains '${'")
                .hasMessageContaining("aem.broken.credentials-file")
                .message().doesNotContain("S3cr3t").doesNotContain(AUTHOR.clientSecret());
    }

    @Test
    void anEscapedDollarBraceIsReadAsWritten() {
        try (AemStandIn sdk = AemStandIn.startLocalSdk().withBasicUser("admin", "pa${word}")) {
            configure("aem.local.url", sdk.url().toString());
            configure("aem.local.username", "admin");
            configure("aem.local.password", "pa\\${word}");
            Beans.Local bean = start(Beans.Local.class).select(Beans.Local.class).get();

            assertThat(principal(bean.aem.path("/l").request().get(String.class))).isEqualTo("admin");
        }
    }

    @Test
    void aPropertyExpressionThatResolvesIsStillExpanded() {
        configure("aem.secrets.author-password", "from-elsewhere");
        try (AemStandIn sdk = AemStandIn.startLocalSdk().withBasicUser("admin", "from-elsewhere")) {
            configure("aem.local.url", sdk.url().toString());
            configure("aem.local.username", "admin");
            configure("aem.local.password", "${aem.secrets.author-password}");
            Beans.Local bean = start(Beans.Local.class).select(Beans.Local.class).get();

            assertThat(principal(bean.aem.path("/l").request().get(String.class))).isEqualTo("admin");
        }
    }

    @Test
    void onlyWebTargetClientAndTokenProviderCanBeInjected() {
        service("author", AUTHOR);

        assertThatThrownBy(() -> start(Beans.WrongType.class))
                .hasMessageContaining("@AemClient(\"author\") at io.github.aemclient.cdi.Beans$WrongType.aem has type"
                        + " java.lang.String");
    }

    @Test
    void aTokenProviderForAnEnvironmentWithoutTokensIsAnError() {
        configure("aem.local.url", "http://localhost:4502");

        assertThatThrownBy(() -> start(Beans.TokenOfLocal.class))
                .hasMessageContaining("@AemClient(\"local\") AccessTokenProvider is injected, but environment 'local'"
                        + " uses none authentication and has no access token");
        assertReportedAsDeploymentException(() -> start(Beans.TokenOfLocal.class), "@AemClient(\"local\") AccessTokenProvider");
    }

    @Test
    void theFirstExchangeIsLazyByDefaultSoTheAppStartsWhileImsIsDown() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        service("eager", AUTHOR);
        configure("aem.eager.ims-url", "http://127.0.0.1:" + deadPort);

        Beans.Eager bean = start(Beans.Eager.class).select(Beans.Eager.class).get();

        assertThatThrownBy(() -> bean.aem.path("/x").request().get(String.class))
                .isInstanceOf(ProcessingException.class)
                .cause().isInstanceOf(ImsUnavailableException.class)
                .hasMessageStartingWith("IMS at http://127.0.0.1:" + deadPort + "/ims/exchange/jwt refused the connection")
                .hasMessageContaining("(gave up after 4 attempts");
    }

    @Test
    void eagerStartupFailsOnAConfigurationErrorFromIms() {
        TestCredentials unknown = TestCredentials.generate();
        service("eager", unknown);
        configure("aem.eager.eager", "true");

        assertThatThrownBy(() -> start(Beans.Eager.class))
                .hasMessageContaining("AEM environment 'eager' (aem.eager.eager=true)")
                .hasMessageContaining("invalid_client");
        assertReportedAsDeploymentException(() -> start(Beans.Eager.class), "AEM environment 'eager' (aem.eager.eager=true)");
    }

    @Test
    void eagerStartupWaitsForTheFirstTokenOnlyUpToItsBoundThenTheFirstCallJoinsTheAcquisition() {
        service("eager", AUTHOR);
        configure("aem.eager.eager", "true");
        ims.enqueue(Fault.delay(Duration.ofSeconds(4)));
        int exchanges = ims.successfulExchanges();
        long start = System.nanoTime();

        try (CapturedLogs logs = CapturedLogs.capture()) {
            container = new Weld().disableDiscovery().addExtension(new AemClientExtension(Duration.ofMillis(500)))
                    .addBeanClasses(Beans.Eager.class).initialize();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                    .startsWith("AEM environment 'eager' (aem.eager.eager=true): the first access token is still"
                            + " being obtained in the background after 500 ms; the deployment continues");
        }
        Beans.Eager bean = container.select(Beans.Eager.class).get();

        assertThat(principal(bean.aem.path("/x").request().get(String.class))).isEqualTo(AUTHOR.technicalAccountId());
        assertThat(ims.successfulExchanges() - exchanges).isEqualTo(1);
    }

    @Test
    void severalEagerEnvironmentsShareOneStartUpBound() throws InterruptedException {
        for (String environment : List.of("eager1", "eager2", "eager3")) {
            service(environment, AUTHOR);
            configure("aem." + environment + ".eager", "true");
        }
        ims.enqueue(Fault.delay(Duration.ofSeconds(3)), Fault.delay(Duration.ofSeconds(3)),
                Fault.delay(Duration.ofSeconds(3)));
        int exchanges = ims.successfulExchanges();
        long start = System.nanoTime();

        container = new Weld().disableDiscovery().addExtension(new AemClientExtension(Duration.ofMillis(1000)))
                .addBeanClasses(Beans.ThreeEager.class).initialize();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("one bound for all, not one each")
                .isLessThan(Duration.ofMillis(2500));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ims.successfulExchanges() - exchanges < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the three go on in the background
        }
        assertThat(ims.successfulExchanges() - exchanges).isEqualTo(3);
    }

    @Test
    void eagerStartupToleratesAnImsThatStaysUnavailablePastItsRetries() {
        service("eager", AUTHOR);
        configure("aem.eager.eager", "true");
        configure("aem.eager.retry-max-attempts", "2");
        // calls answer a failed acquisition's failure for a while (at most 5 s) before trying IMS again
        configure("aem.eager.refresh-retry-interval", "1ms");
        // every attempt of the start-up's acquisition fails: the deployment still goes on
        ims.enqueue(Fault.error(503, "temporarily_unavailable", "try later"),
                Fault.error(503, "temporarily_unavailable", "try later"));

        try (CapturedLogs logs = CapturedLogs.capture()) {
            Beans.Eager bean = start(Beans.Eager.class).select(Beans.Eager.class).get();

            assertThat(ims.pendingFaults()).as("both attempts made at start-up").isZero();
            assertThat(logs.messages(Level.WARNING)).anySatisfy(m -> assertThat(m)
                    .startsWith("AEM environment 'eager': no token at start-up; the next calls try again:")
                    .contains("503"));
            assertThat(principal(bean.aem.path("/x").request().get(String.class)))
                    .isEqualTo(AUTHOR.technicalAccountId());
        }
    }

    @Test
    void aClientThatFailsToCloseIsLoggedNamingItsEnvironmentInSingleQuotes() {
        try (CapturedLogs logs = CapturedLogs.capture()) {
            AemClientExtension.closeLoggingFailure("author", () -> {
                throw new IllegalStateException("connection pool already shut down");
            });

            assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                    .isEqualTo("Closing AEM environment 'author' (its JAX-RS client, IMS client and token) failed");
        }
    }

    @Test
    void clientsAreClosedWhenTheApplicationStops() {
        service("author", AUTHOR);
        Beans.Author bean = start(Beans.Author.class).select(Beans.Author.class).get();
        bean.aem.path("/x").request().get(String.class);
        WebTarget target = bean.aem;

        container.close();

        assertThatThrownBy(() -> target.path("/y").request().get(String.class)).isInstanceOf(IllegalStateException.class);
    }
}

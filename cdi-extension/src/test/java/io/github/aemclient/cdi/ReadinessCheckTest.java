package io.github.aemclient.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.TestCredentials;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/** With MicroProfile Health visible, each environment is a {@code @Readiness} check {@code aem-<env>}. */
class ReadinessCheckTest extends CdiTestSupport {

    HealthCheckResponse check(String environment) {
        Instance<HealthCheck> checks = container.select(HealthCheck.class, Readiness.Literal.INSTANCE);
        return checks.stream().map(HealthCheck::call).filter(r -> r.getName().equals("aem-" + environment))
                .findFirst().orElseThrow(() -> new AssertionError("no readiness check aem-" + environment));
    }

    static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }

    @Test
    void aServiceEnvironmentIsUpBeforeItsFirstTokenAndWithItShowingTheTokenAndCertificate() {
        service("author", AUTHOR);
        Beans.Author bean = start(Beans.Author.class).select(Beans.Author.class).get();

        HealthCheckResponse before = check("author");
        assertThat(before.getStatus()).isEqualTo(Status.UP);
        assertThat(data(before)).containsEntry("reason", "no token obtained yet: the first call obtains one")
                .containsEntry("mode", "service").containsEntry("url", aem.url().toString())
                .doesNotContainKey("token-valid-until");

        bean.aem.path("/content/a.json").request().get(String.class);
        HealthCheckResponse after = check("author");

        assertThat(after.getStatus()).isEqualTo(Status.UP);
        assertThat(data(after)).containsEntry("reason", "a valid token is held").containsKey("token-valid-until")
                .containsEntry("certificate-expires-at", AUTHOR.certificate().getNotAfter().toInstant().toString())
                .containsEntry("certificate-expires-soon", false);
        assertThat((Long) data(after).get("certificate-days-left")).isBetween(360L, 365L);
        assertThat(data(after).values().toString()).doesNotContain(AUTHOR.clientSecret())
                .doesNotContain(bean.tokens.getAccessToken().value());
    }

    @Test
    void aConfigurationIMSRefusesIsDownWithTheMessageAndProbesCostNoExchange() {
        TestCredentials unknown = TestCredentials.generate();
        service("author", unknown);
        Beans.Author bean = start(Beans.Author.class).select(Beans.Author.class).get();
        assertThatThrownBy(() -> bean.aem.path("/a").request().get(String.class)).isInstanceOf(ProcessingException.class);
        int received = ims.received();

        HealthCheckResponse response = null;
        for (int i = 0; i < 20; i++) {
            response = check("author");
        }

        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(data(response)).containsEntry("reason", "IMS refused the configuration at the last attempt")
                .containsKey("last-failure-at");
        assertThat((String) data(response).get("last-failure")).contains("invalid_client");
        assertThat(ims.received()).as("probes cost no IMS call").isEqualTo(received);
    }

    @Test
    void anExpiredDevelopmentTokenIsDown() {
        configure("aem.dev.url", aem.url().toString());
        configure("aem.dev.token", ims.issueDeveloperToken(Instant.now().minus(Duration.ofHours(25)), Duration.ofHours(24)));
        configure("aem.environments", "dev");
        start();

        HealthCheckResponse response = check("dev");

        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(data(response)).containsEntry("reason", "the local development token cannot be used")
                .containsEntry("mode", "developer");
        assertThat((String) data(response).get("last-failure")).contains("expired");
    }

    @Test
    void environmentsWithoutTokensAreUpAndEveryEnvironmentHasACheckButNoLivenessCheck() {
        try (AemStandIn sdk = AemStandIn.startLocalSdk().allowAnonymous()) {
            configure("aem.local.url", sdk.url().toString());
            configure("aem.local.mode", "none");
            service("author", AUTHOR);
            configure("aem.environments", "local, author");
            start();

            HealthCheckResponse local = check("local");
            assertThat(local.getStatus()).isEqualTo(Status.UP);
            assertThat(data(local)).containsEntry("reason", "no token needed (none authentication)");
            assertThat(container.select(HealthCheck.class, Readiness.Literal.INSTANCE).stream().map(HealthCheck::call)
                    .map(HealthCheckResponse::getName)).containsExactlyInAnyOrder("aem-author", "aem-local");
            assertThat(container.select(HealthCheck.class, Liveness.Literal.INSTANCE).stream()).isEmpty();
        }
    }

    @Test
    void aCertificateWithLessThanThirtyDaysLeftIsFlaggedButStillUp() {
        service("author", AUTHOR);
        start(Beans.Author.class).select(Beans.Author.class).get().aem.path("/a").request().get(String.class);
        AemClientExtension extension = container.getBeanManager().getExtension(AemClientExtension.class);
        Instant expiry = AUTHOR.certificate().getNotAfter().toInstant();
        Clock twelveDaysBefore = Clock.fixed(expiry.minus(Duration.ofDays(12)).minusSeconds(60), ZoneOffset.UTC);

        HealthCheckResponse response = new AemReadinessCheck("author", () -> extension.environment("author"),
                twelveDaysBefore).call();

        assertThat(response.getStatus()).isEqualTo(Status.UP);
        assertThat(data(response)).containsEntry("certificate-days-left", 12L).containsEntry("certificate-expires-soon", true);
    }

    @Test
    void aCheckWhoseEnvironmentIsGoneIsDownSayingWhy() {
        HealthCheckResponse response = new AemReadinessCheck("gone", () -> {
            throw new IllegalStateException("AEM environment 'gone' is closed");
        }, Clock.systemUTC()).call();

        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(data(response)).containsEntry("reason", "AEM environment 'gone' is closed");
    }
}

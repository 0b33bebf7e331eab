package io.github.aemclient.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AemClientException;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link AemEnvironment#health()} says in each state, read without calling IMS. */
class EnvironmentHealthTest {

    static final TestCredentials AUTHOR = TestCredentials.generate();
    static ImsStandIn ims;
    static AemStandIn aem;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        ims = ImsStandIn.start().register(AUTHOR);
        aem = AemStandIn.start(ims);
    }

    @AfterAll
    static void stop() {
        aem.close();
        ims.close();
    }

    AemEnvironment.Builder service(TestCredentials credentials) {
        return AemEnvironment.builder("author").url(aem.url().toString())
                .credentialsFile(credentials.writeTo(dir.resolve(credentials.clientId() + ".json")))
                .imsUrl(ims.url().toString());
    }

    @Test
    void readyBeforeTheFirstTokenThenWithItsExpiryAndTheCertificatesAndNoImsCallForAsking() {
        try (AemEnvironment environment = service(AUTHOR).build()) {
            int received = ims.received();
            EnvironmentHealth before = environment.health();
            assertThat(ims.received()).as("asking obtains nothing").isEqualTo(received);
            assertThat(before.isReady()).isTrue();
            assertThat(before.reason()).isEqualTo("no token obtained yet: the first call obtains one");
            assertThat(before.tokenValidUntil()).isEmpty();
            assertThat(before.certificateExpiresAt()).contains(AUTHOR.certificate().getNotAfter().toInstant());

            Instant expiry = environment.tokenProvider().orElseThrow().getAccessToken().expiresAt();
            EnvironmentHealth after = environment.health();

            assertThat(after.isReady()).isTrue();
            assertThat(after.reason()).isEqualTo("a valid token is held");
            assertThat(after.tokenValidUntil()).contains(expiry);
            assertThat(after.lastFailure()).isEmpty();
            assertThat(after).hasToString("EnvironmentHealth[ready: a valid token is held, token valid until " + expiry
                    + ", certificate expires " + AUTHOR.certificate().getNotAfter().toInstant() + "]");
        }
    }

    @Test
    void notReadyWhenImsRefusesTheConfigurationEvenWithNoTokenYet() {
        try (AemEnvironment environment = service(TestCredentials.generate()).build()) {
            assertThatThrownBy(() -> environment.tokenProvider().orElseThrow().getAccessToken())
                    .isInstanceOf(AemClientException.class);

            EnvironmentHealth health = environment.health();

            assertThat(health.isReady()).isFalse();
            assertThat(health.reason()).isEqualTo("IMS refused the configuration at the last attempt");
            assertThat(health.lastFailure()).hasValueSatisfying(message -> assertThat(message).contains("invalid_client"));
            assertThat(health.lastFailureAt()).isPresent();
        }
    }

    @Test
    void notReadyWithoutATokenWhileImsIsUnavailableAndReadyAgainWithoutAnyCaller() throws Exception {
        try (AemEnvironment environment = service(AUTHOR).property("retry-max-attempts", "1")
                .property("refresh-retry-interval", "200ms").build()) {
            ims.enqueue(Fault.error(503, "server_error", "down for maintenance"));
            assertThatThrownBy(() -> environment.tokenProvider().orElseThrow().getAccessToken())
                    .isInstanceOf(AemClientException.class);

            EnvironmentHealth down = environment.health();
            assertThat(down.isReady()).isFalse();
            assertThat(down.reason()).isEqualTo("no valid token is held and obtaining one failed");
            assertThat(down.lastFailure()).hasValueSatisfying(m -> assertThat(m).contains("503"));

            // Taken out of service, the instance gets no caller: asking again after the retry interval retries.
            // 5 s: a renewal that never comes fails the test in less than PIT's time limit
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            EnvironmentHealth health = environment.health();
            while (!health.isReady() && System.nanoTime() < deadline) {
                Thread.sleep(10);
                health = environment.health();
            }
            assertThat(health.isReady()).as(health.toString()).isTrue();
            assertThat(health.tokenValidUntil()).isPresent();
            assertThat(health.lastFailure()).isEmpty();
        }
    }

    @Test
    void aFailedRenewalWhileAValidTokenIsHeldStaysReadyAndShowsTheFailure() {
        try (AemEnvironment environment = service(AUTHOR).property("retry-max-attempts", "1").build()) {
            environment.tokenProvider().orElseThrow().getAccessToken();
            ims.enqueue(Fault.error(400, "invalid_client", "invalid client_secret parameter"));
            environment.tokenProvider().orElseThrow().invalidate(environment.tokenProvider().get().getAccessToken());
            assertThat(ims.pendingFaults()).as("the renewal reached IMS").isZero();

            EnvironmentHealth health = environment.health();

            assertThat(health.isReady()).as(health.toString()).isTrue();
            assertThat(health.reason()).isEqualTo("a valid token is held, but IMS refused the configuration at the"
                    + " last renewal");
            assertThat(health.tokenValidUntil()).isPresent();
            assertThat(health.lastFailure()).hasValueSatisfying(m -> assertThat(m).contains("invalid_client"));
        }
    }

    @Test
    void aFailureFromOutsideTheLibraryIsShownByItsClassNameOnly() {
        EnvironmentHealth health = new EnvironmentHealth(false, "r", java.util.Optional.empty(),
                java.util.Optional.of(new IllegalStateException("password=hunter2")), java.util.Optional.empty(),
                java.util.Optional.empty());

        assertThat(health.lastFailure()).contains("java.lang.IllegalStateException");
        assertThat(health.toString()).doesNotContain("hunter2");
    }

    @Test
    void anExpiredDevelopmentTokenIsNotReadyAndAValidOneIs() {
        String expired = ims.issueDeveloperToken(Instant.now().minus(Duration.ofHours(30)), Duration.ofHours(24));
        String valid = ims.issueDeveloperToken(Instant.now(), Duration.ofHours(24));
        try (AemEnvironment old = AemEnvironment.builder("dev").url(aem.url().toString()).token(expired).build();
                AemEnvironment fresh = AemEnvironment.builder("dev").url(aem.url().toString()).token(valid).build()) {
            EnvironmentHealth health = old.health();

            assertThat(health.isReady()).isFalse();
            assertThat(health.reason()).isEqualTo("the local development token cannot be used");
            assertThat(health.lastFailure()).hasValueSatisfying(m -> assertThat(m).contains("expired"));
            assertThat(health.lastFailureAt()).as("when it expired").hasValueSatisfying(at -> assertThat(at)
                    .isBefore(Instant.now().minus(Duration.ofHours(5))));
            assertThat(fresh.health().isReady()).isTrue();
            assertThat(fresh.health().tokenValidUntil()).isPresent();
        }
    }

    @Test
    void environmentsWithoutTokensAreReadyAndAClosedOneCannotBeAsked() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AemEnvironment basic = AemEnvironment.builder("local").url("http://127.0.0.1:" + port).basicAuth("admin", "pw")
                .build();

        assertThat(basic.health().isReady()).isTrue();
        assertThat(basic.health().reason()).isEqualTo("no token needed (basic authentication)");
        assertThat(basic.health().certificateExpiresAt()).isEmpty();
        basic.close();
        assertThatThrownBy(basic::health).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}

package io.github.aemclient.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.ImsException;
import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.github.aemclient.internal.credentials.ServiceCredentialsReader;
import io.github.aemclient.internal.ims.ImsClient;
import io.github.aemclient.internal.jwt.JwtAssertionFactory;
import io.github.aemclient.support.CapturedLogs;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.MutableClock;
import io.github.aemclient.testkit.TestCredentials;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class ServiceTokenSourceTest {

    static final TestCredentials BASE = TestCredentials.generate();
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    static void create(Instant certificateExpiry) {
        TestCredentials test = TestCredentials.builder().keyPair(BASE.keyPair())
                .certificateValidity(NOW.minus(Duration.ofDays(365)), certificateExpiry).build();
        ServiceCredentials credentials = ServiceCredentialsReader.fromJson(test.json(), "creds.json");
        MutableClock clock = MutableClock.at(NOW);
        new ServiceTokenSource(credentials, new JwtAssertionFactory(credentials, clock, Duration.ofMinutes(5)),
                new ImsClient(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1), Duration.ofSeconds(1)), clock);
    }

    @Test
    void warnsWhenTheCertificateExpiresWithin30Days() {
        try (CapturedLogs logs = CapturedLogs.capture()) {
            create(NOW.plus(Duration.ofDays(29)));

            assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                    .contains("The certificate of the service credentials in creds.json expires at 2026-12-27T12:00:00Z");
        }
    }

    @Test
    void saysSoWhenTheCertificateHasExpired() {
        try (CapturedLogs logs = CapturedLogs.capture()) {
            create(NOW.minus(Duration.ofDays(1)));

            assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                    .contains("expired at 2026-11-27T12:00:00Z; IMS will refuse the exchange");
        }
    }

    @Test
    void whenImsRefusesAnExpiredCertificateTheErrorSaysSo() {
        TestCredentials expired = TestCredentials.builder().keyPair(BASE.keyPair())
                .certificateValidity(Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(2)))
                .build();
        ServiceCredentials credentials = ServiceCredentialsReader.fromJson(expired.json(), "old.json");
        try (ImsStandIn ims = ImsStandIn.start().register(expired)) {
            ServiceTokenSource source = new ServiceTokenSource(credentials,
                    new JwtAssertionFactory(credentials, Clock.systemUTC(), Duration.ofMinutes(5)),
                    new ImsClient(ims.url(), Duration.ofSeconds(1), Duration.ofSeconds(2)), Clock.systemUTC());

            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(ImsException.class, e -> assertThat(e.error()).contains("invalid_signature"))
                    .hasMessageContaining("The certificate of the service credentials in old.json expired at")
                    .hasMessageContaining("create new service credentials");
        }
    }

    @Test
    void staysQuietForAHealthyCertificate() {
        try (CapturedLogs logs = CapturedLogs.capture()) {
            create(NOW.plus(Duration.ofDays(31)));

            assertThat(logs.messages(Level.WARNING)).isEmpty();
        }
    }

    @Test
    void theWarningStartsWhenLessThan30DaysRemain() {
        try (CapturedLogs logs = CapturedLogs.capture()) {
            create(NOW.plus(ServiceTokenSource.CERTIFICATE_WARNING));
            create(NOW.plus(ServiceTokenSource.CERTIFICATE_WARNING).minusSeconds(1));

            assertThat(logs.messages(Level.WARNING)).as("30 days left: quiet; a second less: warned").singleElement()
                    .asString().contains("expires at 2026-12-28T11:59:59Z");
        }
    }
}

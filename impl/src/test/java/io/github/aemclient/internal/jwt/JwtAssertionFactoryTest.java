package io.github.aemclient.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.github.aemclient.internal.credentials.ServiceCredentialsReader;
import io.github.aemclient.support.HostileJwtSettings;
import io.github.aemclient.testkit.MutableClock;
import io.github.aemclient.testkit.TestCredentials;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtAssertionFactoryTest {

    static final TestCredentials TEST = TestCredentials.builder().org("1234ABCD@AdobeOrg")
            .clientId("cm-p123-e1234").metascopes("ent_aem_cloud_sdk", "ent_cloudmgr_sdk").build();
    static final ServiceCredentials CREDENTIALS = ServiceCredentialsReader.fromJson(TEST.json(), "test");

    final MutableClock clock = MutableClock.at(Instant.parse("2026-11-28T12:00:00.750Z"));
    final JwtAssertionFactory factory = new JwtAssertionFactory(CREDENTIALS, clock, Duration.ofMinutes(5));

    @Test
    void signsWithRs256AndTheIntegrationKey() throws Exception {
        String jwt = factory.create();
        String[] parts = jwt.split("\\.");

        assertThat(json(parts[0])).isEqualTo(Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build());
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(TEST.certificate());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void carriesExactlyAdobesClaims() {
        JsonObject claims = json(factory.create().split("\\.")[1]);

        assertThat(claims.getString("iss")).isEqualTo("1234ABCD@AdobeOrg");
        assertThat(claims.getString("sub")).isEqualTo(TEST.technicalAccountId());
        assertThat(claims.get("aud")).isEqualTo(Json.createValue("https://ims-na1.adobelogin.com/c/cm-p123-e1234"));
        assertThat(claims.get("https://ims-na1.adobelogin.com/s/ent_aem_cloud_sdk")).isEqualTo(JsonValue.TRUE);
        assertThat(claims.get("https://ims-na1.adobelogin.com/s/ent_cloudmgr_sdk")).isEqualTo(JsonValue.TRUE);
        assertThat(claims.getJsonNumber("iat").longValue()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(claims.getJsonNumber("exp").longValue()).isEqualTo(clock.instant().getEpochSecond() + 300);
        assertThat(claims.getString("jti")).hasSize(36);
        assertThat(claims.keySet()).containsExactlyInAnyOrder("iss", "sub", "aud", "iat", "exp", "jti",
                "https://ims-na1.adobelogin.com/s/ent_aem_cloud_sdk", "https://ims-na1.adobelogin.com/s/ent_cloudmgr_sdk");
    }

    @Test
    void makesAFreshAssertionEachTimeFollowingTheClock() {
        String first = factory.create();
        clock.advance(Duration.ofMinutes(1));
        String second = factory.create();

        assertThat(second).isNotEqualTo(first);
        assertThat(json(second.split("\\.")[1]).getJsonNumber("iat").longValue())
                .isEqualTo(json(first.split("\\.")[1]).getJsonNumber("iat").longValue() + 60);
    }

    @Test
    void noSmallryeOrMicroProfileJwtSettingOfTheApplicationChangesTheAssertion() {
        String before = withoutJti(factory.create());
        try (HostileJwtSettings hostile = HostileJwtSettings.set()) {
            String during = withoutJti(factory.create());
            assertThat(during).isEqualTo(before);
        }
    }

    /** Header and claims of an assertion, its jti removed (it differs every time by design). */
    static String withoutJti(String jwt) {
        String[] parts = jwt.split("\\.");
        JsonObject claims = json(parts[1]);
        return json(parts[0]) + " " + Json.createObjectBuilder(claims).remove("jti").build();
    }

    static JsonObject json(String base64url) {
        return Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(base64url),
                StandardCharsets.UTF_8))).readObject();
    }
}

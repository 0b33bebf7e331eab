package io.github.aemclient.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsRequest;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import jakarta.json.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that mints its own JWTs configures smallrye-jwt (and verifies with MicroProfile JWT) through
 * the same MicroProfile Config and system properties the library runs under: none of it reaches the
 * assertion sent to IMS.
 */
class ApplicationJwtSettingsTest {

    static final Map<String, String> HOSTILE = Map.ofEntries(
            Map.entry("smallrye.jwt.new-token.issuer", "https://app.example.com"),
            Map.entry("smallrye.jwt.new-token.audience", "app-audience"),
            Map.entry("smallrye.jwt.new-token.lifespan", "99999"),
            Map.entry("smallrye.jwt.new-token.override-matching-claims", "true"),
            Map.entry("smallrye.jwt.new-token.add-default-claims", "false"),
            Map.entry("smallrye.jwt.new-token.signature-algorithm", "HS256"),
            Map.entry("smallrye.jwt.new-token.key-encryption-algorithm", "RSA-OAEP"),
            Map.entry("smallrye.jwt.new-token.content-encryption-algorithm", "A128GCM"),
            Map.entry("smallrye.jwt.sign.key", "not-a-key"),
            Map.entry("smallrye.jwt.sign.key.location", "/nonexistent/app-signing-key.pem"),
            Map.entry("smallrye.jwt.sign.key.id", "app-kid"),
            Map.entry("smallrye.jwt.sign.relax-key-validation", "true"),
            Map.entry("smallrye.jwt.encrypt.key.location", "/nonexistent/app-encryption-key.pem"),
            Map.entry("mp.jwt.verify.issuer", "https://app.example.com"),
            Map.entry("mp.jwt.verify.audiences", "app-audience"),
            Map.entry("mp.jwt.verify.publickey.location", "/nonexistent/app-public-key.pem"));

    @TempDir
    Path dir;

    @Test
    void theStrictImsAcceptsTheAssertionWhateverTheApplicationsJwtSettings() {
        TestCredentials credentials = TestCredentials.generate();
        HOSTILE.forEach(System::setProperty);
        try (ImsStandIn ims = ImsStandIn.start().register(credentials);
                AemStandIn aem = AemStandIn.start(ims);
                AemEnvironment author = AemEnvironment.builder("author").url(aem.url().toString())
                        .imsUrl(ims.url().toString()).credentialsFile(credentials.writeTo(dir.resolve("c.json")))
                        .build()) {
            assertThat(author.target().path("/content/x.json").request().get().getStatus()).isEqualTo(200);

            ImsRequest exchange = ims.requests().get(0);
            assertThat(exchange.status()).isEqualTo(200);
            assertThat(exchange.jwtHeader()).contains(Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT")
                    .build());
            assertThat(exchange.jwtClaims()).hasValueSatisfying(claims -> {
                assertThat(claims.getString("iss")).isEqualTo(credentials.org());
                assertThat(claims.getString("aud")).isEqualTo("https://" + credentials.imsEndpoint() + "/c/"
                        + credentials.clientId());
                long iat = claims.getJsonNumber("iat").longValue();
                assertThat(claims.getJsonNumber("exp").longValue()).isEqualTo(iat + 300);
            });
        } finally {
            HOSTILE.keySet().forEach(System::clearProperty);
        }
    }
}

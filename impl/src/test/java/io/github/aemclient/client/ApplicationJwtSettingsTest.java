package io.github.aemclient.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.support.HostileJwtSettings;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsRequest;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import jakarta.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that mints its own JWTs configures smallrye-jwt (and verifies with MicroProfile JWT) through
 * the same MicroProfile Config and system properties the library runs under: none of it reaches the
 * assertion sent to IMS.
 */
class ApplicationJwtSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theStrictImsAcceptsTheAssertionWhateverTheApplicationsJwtSettings() {
        TestCredentials credentials = TestCredentials.generate();
        try (HostileJwtSettings hostile = HostileJwtSettings.set();
                ImsStandIn ims = ImsStandIn.start().register(credentials);
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
        }
    }
}

package io.github.aemclient.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.AccessToken;
import io.github.aemclient.internal.config.EnvironmentSettings;
import io.github.aemclient.internal.config.EnvironmentSettingsReader;
import io.github.aemclient.internal.config.PropertyLookup;
import io.github.aemclient.support.CapturedLogs;
import io.github.aemclient.testkit.AemRequest;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsRequest;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every path that logs or throws — success, renewal, IMS failures and retries, echoed secrets,
 * revocation and replay, an expired development token, basic auth — with logging at its most verbose,
 * then searches everything logged, thrown and printed by toString() for every secret involved.
 */
class SecretHygieneTest {

    static final String PASSWORD = "Pa55-w0rd-for-the-sdk";

    @TempDir
    Path dir;

    @Test
    void noSecretInLogsExceptionsOrToString() throws Exception {
        TestCredentials credentials = TestCredentials.generate();
        StringBuilder seen = new StringBuilder();
        List<String> secrets = new ArrayList<>();
        secrets.add(credentials.clientSecret());
        for (String line : credentials.privateKeyPem().split("\r\n")) {
            if (!line.startsWith("-----")) {
                secrets.add(line);
            }
        }
        secrets.add(PASSWORD);
        secrets.add(Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8)));

        // Every logger at full verbosity: the library's and RESTEasy's. Except the HTTP
        // wire log under RESTEasy (Apache HttpClient's org.apache.http.headers/wire), which prints every header
        // sent once an application turns it on; README's Security section says to leave it off.
        try (CapturedLogs logs = CapturedLogs.captureEverythingExcept("org.apache.http");
                ImsStandIn ims = ImsStandIn.start().register(credentials).tokenLifetime(Duration.ofSeconds(2));
                AemStandIn aem = AemStandIn.start(ims)) {
            AemEnvironment author = AemEnvironment.builder("author").url(aem.url().toString())
                    .credentialsFile(credentials.writeTo(dir.resolve("c.json"))).imsUrl(ims.url().toString()).build();
            EnvironmentSettings settings = EnvironmentSettingsReader.read("author", PropertyLookup.of(Map.of(
                    "aem.author.url", aem.url().toString(), "aem.author.credentials-file", dir.resolve("c.json").toString(),
                    "aem.author.ims-url", ims.url().toString())));
            seen.append(author).append(author.client().getConfiguration().getInstances()).append(settings)
                    .append(settings.credentials().orElseThrow());

            call(author, seen);
            AccessToken token = author.tokenProvider().orElseThrow().getAccessToken();
            seen.append(token);
            // IMS failures, one echoing the secret, then retries; then revocation and replay.
            ims.enqueue(Fault.body(500, "text/plain", "echo client_secret=" + credentials.clientSecret()),
                    Fault.error(503, "temporarily_unavailable", "later"), Fault.disconnect());
            author.tokenProvider().orElseThrow().invalidate(token);
            call(author, seen);
            ims.revokeAll();
            call(author, seen);
            author.close();
            // A new environment whose first exchange IMS refuses (a 401 could not cause it so soon: rate limited).
            ims.enqueue(Fault.error(400, "invalid_client", "invalid client_secret parameter"));
            try (AemEnvironment refused = AemEnvironment.builder("refused").url(aem.url().toString())
                    .credentialsFile(dir.resolve("c.json")).imsUrl(ims.url().toString()).build()) {
                call(refused, seen);
            }

            String expired = ims.issueDeveloperToken(Instant.now().minus(Duration.ofDays(2)), Duration.ofHours(24));
            secrets.add(expired);
            try (AemEnvironment dev = AemEnvironment.builder("dev").url(aem.url().toString()).token(expired).build()) {
                seen.append(dev);
                call(dev, seen);
            }
            try (AemStandIn sdk = AemStandIn.startLocalSdk().withBasicUser("admin", PASSWORD);
                    AemEnvironment local = AemEnvironment.builder("local").url(sdk.url().toString())
                            .basicAuth("admin", PASSWORD).build()) {
                seen.append(local).append(local.client().getConfiguration().getInstances());
                call(local, seen);
                sdk.enqueue(Fault.body(401, "text/plain", "no"));
                call(local, seen);
            }

            ims.requests().stream().map(ImsRequest::form).map(f -> f.get("jwt_token")).filter(Objects::nonNull)
                    .forEach(secrets::add);
            aem.requests().stream().map(AemRequest::bearerToken).flatMap(Optional::stream)
                    .forEach(secrets::add);
            seen.append(logs.all());
            assertThat(logs.messages()).as("something was logged").isNotEmpty();
        }

        assertThat(secrets).hasSizeGreaterThan(10);
        String everything = seen.toString();
        assertThat(everything).as("the scenario reached IMS refusals, retries and expiry")
                .contains("invalid_client").contains("HTTP 500").contains("expired at").contains("status=401");
        for (String secret : secrets) {
            assertThat(everything).doesNotContain(secret);
        }
    }

    private static void call(AemEnvironment environment, StringBuilder seen) {
        try (Response response = environment.target().path("/content/x.json").request().get()) {
            seen.append("status=").append(response.getStatus()).append(response.getHeaders());
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                seen.append(t).append('\n');
            }
        }
    }
}

package io.github.aemclient.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.TokenExpiredException;
import io.github.aemclient.internal.credentials.SecretFiles;
import io.github.aemclient.support.CapturedLogs;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeveloperTokenProviderTest {

    static final Instant CREATED = Instant.parse("2026-11-28T08:00:00Z");
    static ImsStandIn ims;
    static String token;

    final MutableClock clock = MutableClock.at(CREATED.plus(Duration.ofHours(1)));

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        ims = ImsStandIn.start();
        token = ims.issueDeveloperToken(CREATED, Duration.ofHours(24));
    }

    @AfterAll
    static void stop() {
        ims.close();
    }

    static String consoleJson(String accessToken) {
        return "{\"ok\":true,\"statusCode\":200,\"accessToken\":\"" + accessToken + "\"}";
    }

    static String jwtWithClaims(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    DeveloperTokenProvider provider(String text) {
        return new DeveloperTokenProvider("dev", "aem.dev.token", () -> text, false, clock);
    }

    @Test
    void readsTheRawTokenAndItsLifetimeFromItsClaims() {
        AccessToken read = provider(token).getAccessToken();

        assertThat(read.value()).isEqualTo(token);
        assertThat(read.obtainedAt()).isEqualTo(CREATED);
        assertThat(read.expiresAt()).isEqualTo(CREATED.plus(Duration.ofHours(24)));
    }

    @Test
    void readsTheDeveloperConsoleJsonAndACopiedHeaderValue() {
        assertThat(provider(consoleJson(token)).getAccessToken().value()).isEqualTo(token);
        assertThat(provider("Bearer " + token + "\n").getAccessToken().value()).isEqualTo(token);
    }

    @Test
    void claimsMayBeNumbersOrStrings() {
        String numeric = jwtWithClaims("{\"created_at\":" + CREATED.toEpochMilli() + ",\"expires_in\":86400000}");

        assertThat(provider(numeric).getAccessToken().expiresAt()).isEqualTo(CREATED.plus(Duration.ofHours(24)));
    }

    @Test
    void onceExpiredEveryCallSaysToGetANewOne() {
        DeveloperTokenProvider provider = provider(token);
        clock.set(CREATED.plus(Duration.ofHours(24)));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(provider::getAccessToken)
                    .isInstanceOfSatisfying(TokenExpiredException.class,
                            e -> assertThat(e.expiredAt()).isEqualTo(CREATED.plus(Duration.ofHours(24))))
                    .hasMessageContaining("environment 'dev'")
                    .hasMessageContaining("expired at 2026-11-29T08:00:00Z")
                    .hasMessageContaining("Get Local Development Token")
                    .message().doesNotContain(token);
        }
    }

    @Test
    void warnsOnceWhenLessThanAnHourIsLeft() {
        try (CapturedLogs logs = CapturedLogs.capture()) {
            DeveloperTokenProvider provider = provider(token);
            provider.getAccessToken();
            clock.set(CREATED.plus(Duration.ofHours(23)).plusSeconds(1));
            provider.getAccessToken();
            provider.getAccessToken();

            assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                    .contains("expires at 2026-11-29T08:00:00Z, in less than an hour");
        }
    }

    @Test
    void aTokenFileIsReadAgainOnceItsTokenExpiredSoANewDownloadNeedsNoRestart() throws Exception {
        Path file = Files.writeString(dir.resolve("token.json"), consoleJson(token));
        DeveloperTokenProvider provider = new DeveloperTokenProvider("dev", file.toString(),
                () -> SecretFiles.readText(file, "local development token file"), true, clock);
        clock.set(CREATED.plus(Duration.ofHours(25)));
        assertThatThrownBy(provider::getAccessToken).isInstanceOf(TokenExpiredException.class)
                .hasMessageContaining("save it to " + file);

        String renewed = ims.issueDeveloperToken(CREATED.plus(Duration.ofHours(25)), Duration.ofHours(24));
        Files.writeString(file, consoleJson(renewed));

        assertThat(provider.getAccessToken().value()).isEqualTo(renewed);
    }

    @Test
    void aRejectedTokenFromAFileIsReadAgain() throws Exception {
        Path file = Files.writeString(dir.resolve("token.txt"), token);
        DeveloperTokenProvider provider = new DeveloperTokenProvider("dev", file.toString(),
                () -> SecretFiles.readText(file, "local development token file"), true, clock);
        AccessToken first = provider.getAccessToken();
        String replacement = ims.issueDeveloperToken(CREATED.plus(Duration.ofMinutes(30)), Duration.ofHours(24));
        Files.writeString(file, replacement);

        assertThat(provider.getAccessToken()).isSameAs(first);
        provider.invalidate(first);
        assertThat(provider.getAccessToken().value()).isEqualTo(replacement);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not-a-jwt",
        "a.b",
        "{\"ok\":true}",
        "{\"ok\":false,\"accessToken\":\"x.y.z\"}",
        "{\"accessToken\":",
        "two words",
        "",
        "eyJhbGciOiJSUzI1NiJ9.!!!.sig"
    })
    void malformedTokensAreRefusedNamingTheSource(String text) {
        assertThatThrownBy(() -> provider(text))
                .isInstanceOfSatisfying(AemConfigurationException.class,
                        e -> assertThat(e.source()).isEqualTo("aem.dev.token"))
                .hasMessageContaining("aem.dev.token");
    }

    @Test
    void tokensWithoutLifetimeClaimsAreRefused() {
        assertThatThrownBy(() -> provider(jwtWithClaims("{\"created_at\":\"1\"}")))
                .hasMessageContaining("its claim expires_in is missing");
        assertThatThrownBy(() -> provider(jwtWithClaims("{\"created_at\":\"x\",\"expires_in\":\"5\"}")))
                .hasMessageContaining("its claim created_at must be a whole number but is a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"created_at\":9223372036854775807,\"expires_in\":86400000}|created_at + expires_in",
        "{\"created_at\":1700000000000,\"expires_in\":9223372036854775807}|created_at + expires_in",
        "{\"created_at\":\"999999999999999999\",\"expires_in\":\"999999999999999999\"}|created_at + expires_in",
        "{\"created_at\":253402300799999,\"expires_in\":1}|created_at + expires_in",
        "{\"created_at\":-86400000,\"expires_in\":172800000}|created_at is negative",
        "{\"created_at\":1700000000000,\"expires_in\":0}|expires_in is not positive",
        "{\"created_at\":1700000000000,\"expires_in\":-1}|expires_in is not positive",
        "{\"created_at\":-9223372036854775808,\"expires_in\":9223372036854775807}|created_at is negative"
    })
    void lifetimeClaimsOutOfRangeAreRefusedNamingTheClaimAndTheSource(String claimsAndProblem) {
        String[] parts = claimsAndProblem.split("\\|");

        assertThatThrownBy(() -> provider(jwtWithClaims(parts[0])))
                .isInstanceOfSatisfying(AemConfigurationException.class,
                        e -> assertThat(e.source()).isEqualTo("aem.dev.token"))
                .hasMessageContaining("The local development token in aem.dev.token cannot be used: its claim")
                .hasMessageContaining(parts[1]);
    }

    @Test
    void lifetimeClaimsAtTheirBoundsAreTaken() {
        AccessToken earliest = DeveloperTokens.parse(jwtWithClaims("{\"created_at\":0,\"expires_in\":1}"), "t");
        AccessToken latest = DeveloperTokens.parse(jwtWithClaims("{\"created_at\":253402300799998,\"expires_in\":1}"),
                "t");

        assertThat(earliest.obtainedAt()).isEqualTo(Instant.EPOCH);
        assertThat(earliest.expiresAt()).isEqualTo(Instant.ofEpochMilli(1));
        assertThat(latest.expiresAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
    }

    @Test
    void serviceCredentialsGivenAsATokenAreRecognised() {
        assertThatThrownBy(() -> provider("{\"ok\":true,\"integration\":{}}"))
                .hasMessageContaining("holds service credentials, not a local development token");
    }

    @Test
    void exactlyAnHourLeftIsNotYetWorthAWarning() {
        try (CapturedLogs logs = CapturedLogs.capture()) {
            DeveloperTokenProvider provider = provider(token);
            clock.set(CREATED.plus(Duration.ofHours(23)));
            provider.getAccessToken();
            assertThat(logs.messages(Level.WARNING)).isEmpty();

            clock.set(CREATED.plus(Duration.ofHours(23)).plusMillis(1));
            provider.getAccessToken();
            assertThat(logs.messages(Level.WARNING)).hasSize(1);
        }
    }

    @Test
    void aTokenAlreadyExpiredWhenConfiguredIsSaidAtOnce() {
        clock.set(CREATED.plus(Duration.ofHours(25)));
        try (CapturedLogs logs = CapturedLogs.capture()) {
            provider(token);

            assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                    .isEqualTo("The local development token for environment 'dev' in aem.dev.token expired at"
                            + " 2026-11-29T08:00:00Z; calls will fail until a new one is configured");
        }
    }

    @Test
    void aRejectedTokenIsWarnedAboutOnceAndAnotherTokenChangesNothing() {
        try (CapturedLogs logs = CapturedLogs.capture()) {
            DeveloperTokenProvider provider = provider(token);
            AccessToken current = provider.getAccessToken();
            String other = ims.issueDeveloperToken(CREATED, Duration.ofHours(24));
            provider.invalidate(provider(other).getAccessToken());
            assertThat(logs.messages(Level.WARNING)).as("a token not in use").isEmpty();

            for (int i = 0; i < 5; i++) {
                provider.invalidate(current);
            }

            assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                    .isEqualTo("AEM rejected the local development token for environment 'dev' from aem.dev.token"
                            + " (revoked, or for another environment?)");
        }
    }

    @Test
    void aRejectedTokenFromAFileIsReadAgainAndANewOneIsSaid() throws Exception {
        Path file = dir.resolve("token.json");
        Files.writeString(file, token);
        DeveloperTokenProvider provider = new DeveloperTokenProvider("dev", file.toString(),
                () -> SecretFiles.readText(file, "token file"), true, clock);
        AccessToken first = provider.getAccessToken();
        String renewed = ims.issueDeveloperToken(CREATED.plus(Duration.ofMinutes(30)), Duration.ofHours(24));
        Files.writeString(file, consoleJson(renewed));
        try (CapturedLogs logs = CapturedLogs.capture()) {
            assertThat(provider.getAccessToken()).as("not read again before a rejection").isSameAs(first);
            provider.invalidate(first);

            assertThat(provider.getAccessToken().value()).isEqualTo(renewed);
            assertThat(logs.messages(Level.INFO)).filteredOn(m -> m.startsWith("Read")).singleElement().asString()
                    .isEqualTo("Read a new local development token for environment 'dev' from " + file
                            + ", valid until 2026-11-29T08:30:00Z");
        }
    }

    @Test
    void theHeldStateIsTheTokensExpiryOrWhyItCannotBeUsed() {
        assertThat(provider(token).heldState()).isEqualTo(new TokenState(
                Optional.of(CREATED.plus(Duration.ofHours(24))), Optional.empty(), Optional.empty()));

        clock.set(CREATED.plus(Duration.ofHours(25)));
        TokenState expired = provider(token).heldState();
        assertThat(expired.validUntil()).isEmpty();
        assertThat(expired.lastFailure()).containsInstanceOf(TokenExpiredException.class);
        assertThat(expired.lastFailureAt()).contains(CREATED.plus(Duration.ofHours(24)));
    }
}

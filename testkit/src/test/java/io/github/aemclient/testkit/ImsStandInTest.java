package io.github.aemclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The IMS stand-in refuses what IMS refuses, with IMS's codes, and accepts exactly Adobe's assertion. */
class ImsStandInTest {

    static final TestCredentials TEST = TestCredentials.builder().metascopes("ent_aem_cloud_sdk").build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static ImsStandIn ims;

    @BeforeAll
    static void start() {
        ims = ImsStandIn.start().register(TEST).tokenLifetime(Duration.ofHours(24));
    }

    @AfterAll
    static void stop() {
        ims.close();
    }

    static JsonObjectBuilder validClaims() {
        long now = Instant.now().getEpochSecond();
        return Json.createObjectBuilder()
                .add("iss", TEST.org())
                .add("sub", TEST.technicalAccountId())
                .add("aud", "https://ims-na1.adobelogin.com/c/" + TEST.clientId())
                .add("https://ims-na1.adobelogin.com/s/ent_aem_cloud_sdk", true)
                .add("iat", now)
                .add("exp", now + 300);
    }

    static String assertion(UnaryOperator<JsonObjectBuilder> edit) {
        return Jws.sign(Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build(),
                edit.apply(validClaims()).build(), TEST.keyPair().getPrivate());
    }

    static HttpResponse<String> post(String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(ims.url() + "/ims/exchange/jwt"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(String clientId, String secret, String jwt) {
        return "client_id=" + enc(clientId) + "&client_secret=" + enc(secret) + "&jwt_token=" + enc(jwt);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void aFormItCannotReadIsIms400NotA500() throws Exception {
        String jwt = assertion(c -> c);
        String valid = form(TEST.clientId(), TEST.clientSecret(), jwt);

        HttpResponse<String> duplicate = post(valid + "&client_id=" + enc(TEST.clientId()));
        HttpResponse<String> badEscape = post(valid.replace("client_secret=", "client_secret=%zz"));

        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(json(duplicate.body()).getString("error")).isEqualTo("bad_request");
        assertThat(json(duplicate.body()).getString("error_description")).contains("duplicate client_id");
        assertThat(badEscape.statusCode()).isEqualTo(400);
        assertThat(json(badEscape.body()).getString("error")).isEqualTo("bad_request");
        assertThat(post(valid).statusCode()).as("the same form, well formed").isEqualTo(200);
    }

    @Test
    void aPaddedJwsIsRefused() throws Exception {
        String[] parts = assertion(c -> c).split("\\.");
        // a 2048-bit signature is 256 bytes: 342 base64url characters, which padding makes 344 -- padded
        // correctly, so a decoder that accepts padding would read it and the signature would verify
        assertThat(parts[2]).hasSize(342);
        String padded = parts[0] + "." + parts[1] + "." + parts[2] + "==";

        HttpResponse<String> answer = post(form(TEST.clientId(), TEST.clientSecret(), padded));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer.body()).getString("error")).isEqualTo("invalid_token");
        assertThat(json(answer.body()).getString("error_description")).contains("without padding");
    }

    @Test
    void generatedSecretsIdsAndScopesNeedFormEncoding() {
        String needsEncoding = ".*[+&=% ].*[^\\x00-\\x7F].*";
        assertThat(TEST.clientSecret()).matches(needsEncoding);
        assertThat(TEST.clientId()).matches(needsEncoding);
        // metascopes only ever travel as JWT claim names, and the library takes only [A-Za-z0-9_.-] for them
        TestOAuthCredentials oauth = TestOAuthCredentials.generate();
        assertThat(oauth.clientId()).matches(".*[+&=%].*");
        assertThat(oauth.clientSecret()).matches(needsEncoding);
        assertThat(oauth.scopes()).anySatisfy(scope -> assertThat(scope).matches(".*[+&=%].*"));
    }

    @Test
    void throttlesAboveItsRateWith429AndRetryAfter() throws Exception {
        try (ImsStandIn limited = ImsStandIn.start().register(TEST).throttle(2)) {
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(HTTP.send(HttpRequest.newBuilder(URI.create(limited.url() + "/ims/exchange/jwt"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(TEST.clientId(), TEST.clientSecret(),
                                assertion(c -> c)))).build(), HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> throttled = answers.stream().filter(a -> a.statusCode() == 429).toList();

            // Ten requests span at most two wall-clock seconds here: at most 2 + 2 are served.
            assertThat(limited.successfulExchanges()).isBetween(1, 4);
            assertThat(throttled).hasSize(10 - limited.successfulExchanges());
            assertThat(limited.throttled()).isEqualTo(throttled.size());
            assertThat(throttled).allSatisfy(a -> {
                assertThat(a.headers().firstValue("Retry-After")).contains("1");
                assertThat(json(a.body()).getString("error")).isEqualTo("too_many_requests");
            });
        }
    }

    @Test
    void acceptsAdobesAssertionAndAnswersInImsShape() throws Exception {
        HttpResponse<String> response = post(form(TEST.clientId(), TEST.clientSecret(), assertion(c -> c)));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = json(response.body());
        assertThat(body.getString("token_type")).isEqualTo("bearer");
        assertThat(body.getJsonNumber("expires_in").longValue()).isEqualTo(86_400_000L);
        String token = body.getString("access_token");
        assertThat(ims.principalOf(token)).contains(TEST.technicalAccountId());
        JsonObject claims = Jws.parse(token).claims;
        assertThat(claims.getString("expires_in")).isEqualTo("86400000");
        assertThat(claims.getString("client_id")).isEqualTo(TEST.clientId());
    }

    static Stream<Arguments> refusals() {
        long now = Instant.now().getEpochSecond();
        return Stream.of(
                Arguments.of("wrong org", (UnaryOperator<JsonObjectBuilder>) c -> c.add("iss", "x@AdobeOrg"), "invalid_token"),
                Arguments.of("wrong subject", (UnaryOperator<JsonObjectBuilder>) c -> c.add("sub", "y"), "invalid_token"),
                Arguments.of("audience array", (UnaryOperator<JsonObjectBuilder>) c -> c.add("aud",
                        Json.createArrayBuilder().add("https://ims-na1.adobelogin.com/c/" + TEST.clientId())), "invalid_token"),
                Arguments.of("other client audience", (UnaryOperator<JsonObjectBuilder>) c -> c.add("aud",
                        "https://ims-na1.adobelogin.com/c/other"), "invalid_token"),
                Arguments.of("exp in ms", (UnaryOperator<JsonObjectBuilder>) c -> c.add("exp", (now + 300) * 1000), "invalid_token"),
                Arguments.of("expired", (UnaryOperator<JsonObjectBuilder>) c -> c.add("exp", now - 1), "invalid_token"),
                Arguments.of("exp as string", (UnaryOperator<JsonObjectBuilder>) c -> c.add("exp", "" + (now + 300)), "invalid_token"),
                Arguments.of("no exp", (UnaryOperator<JsonObjectBuilder>) c -> c.remove("exp"), "invalid_token"),
                Arguments.of("iat in future", (UnaryOperator<JsonObjectBuilder>) c -> c.add("iat", now + 3600), "invalid_token"),
                Arguments.of("no scope", (UnaryOperator<JsonObjectBuilder>) c -> c.remove("https://ims-na1.adobelogin.com/s/ent_aem_cloud_sdk"),
                        "invalid_scope"),
                Arguments.of("scope not granted", (UnaryOperator<JsonObjectBuilder>) c -> c.add(
                        "https://ims-na1.adobelogin.com/s/ent_campaign_sdk", true), "invalid_scope"),
                Arguments.of("scope false", (UnaryOperator<JsonObjectBuilder>) c -> c.add(
                        "https://ims-na1.adobelogin.com/s/ent_aem_cloud_sdk", false), "invalid_scope"),
                Arguments.of("scope for other ims", (UnaryOperator<JsonObjectBuilder>) c -> c.add(
                        "https://ims-eu1.adobelogin.com/s/ent_aem_cloud_sdk", true), "invalid_scope"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesAssertionsImsRefuses(String name, UnaryOperator<JsonObjectBuilder> edit, String error) throws Exception {
        HttpResponse<String> response = post(form(TEST.clientId(), TEST.clientSecret(), assertion(edit)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).getString("error")).isEqualTo(error);
        assertThat(json(response.body()).getString("error_description")).isNotBlank();
    }

    @Test
    void checksTheClientAndTheSignature() throws Exception {
        TestCredentials stranger = TestCredentials.generate();
        String foreignSignature = Jws.sign(Json.createObjectBuilder().add("alg", "RS256").build(), validClaims().build(),
                stranger.keyPair().getPrivate());
        String hs256 = Jws.sign(Json.createObjectBuilder().add("alg", "HS256").build(), validClaims().build(),
                TEST.keyPair().getPrivate());

        assertThat(json(post(form("unknown", TEST.clientSecret(), assertion(c -> c))).body()).getString("error_description"))
                .isEqualTo("invalid client_id parameter");
        assertThat(json(post(form(TEST.clientId(), "wrong", assertion(c -> c))).body()).getString("error_description"))
                .isEqualTo("invalid client_secret parameter");
        assertThat(json(post(form(TEST.clientId(), TEST.clientSecret(), foreignSignature)).body()).getString("error"))
                .isEqualTo("invalid_signature");
        assertThat(json(post(form(TEST.clientId(), TEST.clientSecret(), hs256)).body()).getString("error"))
                .isEqualTo("invalid_token");
        assertThat(json(post(form(TEST.clientId(), TEST.clientSecret(), "garbage")).body()).getString("error"))
                .isEqualTo("invalid_token");
        assertThat(json(post("client_id=" + TEST.clientId() + "&client_secret=" + enc(TEST.clientSecret())).body())
                .getString("error")).isEqualTo("bad_request");
    }

    @Test
    void refusesOtherContentTypesMethodsAndPaths() throws Exception {
        HttpResponse<String> asJson = HTTP.send(HttpRequest.newBuilder(URI.create(ims.url() + "/ims/exchange/jwt"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(ims.url() + "/ims/exchange/jwt")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(URI.create(ims.url() + "/ims/token/v2"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(asJson.statusCode()).isEqualTo(400);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(other.statusCode()).isEqualTo(404);
    }

    @Test
    void faultsAreServedInOrderAndRecorded() throws Exception {
        ims.enqueue(Fault.error(503, "temporarily_unavailable", "later").withRetryAfter("2"),
                Fault.body(502, "text/html", "<html>bad gateway</html>"));

        HttpResponse<String> first = post(form(TEST.clientId(), TEST.clientSecret(), assertion(c -> c)));
        HttpResponse<String> second = post(form(TEST.clientId(), TEST.clientSecret(), assertion(c -> c)));
        HttpResponse<String> third = post(form(TEST.clientId(), TEST.clientSecret(), assertion(c -> c)));

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).contains("2");
        assertThat(second.body()).contains("bad gateway");
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(ims.requests().subList(ims.requests().size() - 3, ims.requests().size()))
                .extracting(ImsRequest::status).containsExactly(503, 502, 200);
    }

    @Test
    void aLargeBodyIsStreamedInFullOrUntilTheClientHangsUp() throws Exception {
        ims.enqueue(Fault.largeBody(502, 3 * 1024 * 1024), Fault.largeBody(200, Long.MAX_VALUE));

        HttpResponse<String> large = post(form(TEST.clientId(), TEST.clientSecret(), assertion(c -> c)));
        assertThat(large.statusCode()).isEqualTo(502);
        assertThat(large.body()).hasSize(3 * 1024 * 1024).startsWith("{\"access_token\":\"aaaa");

        HttpResponse<InputStream> endless = HTTP.send(HttpRequest.newBuilder(URI.create(ims.url()
                + "/ims/exchange/jwt")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(TEST.clientId(), TEST.clientSecret(),
                        assertion(c -> c)))).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = endless.body()) {
            assertThat(body.readNBytes(5 * 1024 * 1024)).hasSize(5 * 1024 * 1024);
        }
        assertThat(endless.statusCode()).isEqualTo(200);
        assertThat(post(form(TEST.clientId(), TEST.clientSecret(), assertion(c -> c))).statusCode()).isEqualTo(200);
    }

    @Test
    void tokensExpireOnTheStandInsClockAndCanBeRevoked() {
        MutableClock clock = MutableClock.startingNow();
        try (ImsStandIn timed = ImsStandIn.start().clock(clock)) {
            String token = timed.issueDeveloperToken(clock.instant(), Duration.ofHours(1));
            String other = timed.issueDeveloperToken(clock.instant(), Duration.ofHours(2));
            assertThat(timed.principalOf(token)).isPresent();

            clock.advance(Duration.ofHours(1));
            timed.revoke(other);

            assertThat(timed.principalOf(token)).isEmpty();
            assertThat(timed.principalOf(other)).isEmpty();
        }
    }

    static HttpResponse<String> postV3(String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(ims.url() + "/ims/token/v3"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String v3(String grantType, String clientId, String secret, String scope) {
        return "grant_type=" + enc(grantType) + "&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + "&scope=" + enc(scope);
    }

    @Test
    void clientCredentialsIssueATokenInSecondsForGrantedScopesOnly() throws Exception {
        TestOAuthCredentials oauth = TestOAuthCredentials.generate();
        ims.register(oauth);

        HttpResponse<String> ok = postV3(v3("client_credentials", oauth.clientId(), oauth.clientSecret(), "openid,aem.folders"));

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonObject body = Json.createReader(new java.io.StringReader(ok.body())).readObject();
        assertThat(body.getString("token_type")).isEqualTo("bearer");
        assertThat(body.getJsonNumber("expires_in").longValue()).isEqualTo(86_400L);
        assertThat(ims.clientIdOf(body.getString("access_token"))).contains(oauth.clientId());
        assertThat(ims.principalOf(body.getString("access_token"))).isPresent();
    }

    @Test
    void clientCredentialsAreCheckedAsImsChecksThem() throws Exception {
        TestOAuthCredentials oauth = TestOAuthCredentials.generate(List.of("openid", "aem.folders"));
        ims.register(oauth);
        String id = oauth.clientId();
        String secret = oauth.clientSecret();

        assertError(postV3(v3("password", id, secret, "openid")), 400, "unsupported_grant_type");
        assertError(postV3("client_id=" + enc(id) + "&client_secret=" + enc(secret) + "&scope=openid"), 400,
                "invalid_request");
        assertError(postV3(v3("client_credentials", "unknown", secret, "openid")), 400, "invalid_client");
        assertError(postV3(v3("client_credentials", id, "p8e-wrong", "openid")), 400, "invalid_client");
        // The secret sent without form encoding: its '+', '&', '=' and '%' arrive as something else.
        assertError(postV3("grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret
                + "&scope=openid"), 400, "bad_request");
        assertError(postV3(v3("client_credentials", id, secret, "")), 400, "invalid_scope");
        HttpResponse<String> notGranted = postV3(v3("client_credentials", id, secret, "openid,aem.assets.author"));
        assertError(notGranted, 400, "invalid_scope");
        assertThat(notGranted.body()).contains("aem.assets.author").doesNotContain("openid");
        assertError(postV3(v3("client_credentials", id, secret, "openid") + "&scope=aem.folders"), 400,
                "bad_request");
        // A service integration's client is not an OAuth client.
        assertError(postV3(v3("client_credentials", TEST.clientId(), TEST.clientSecret(), "openid")), 400,
                "invalid_client");
    }

    static void assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Json.createReader(new java.io.StringReader(response.body())).readObject().getString("error"))
                .isEqualTo(error);
    }
}

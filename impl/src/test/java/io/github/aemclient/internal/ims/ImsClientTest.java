package io.github.aemclient.internal.ims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.aemclient.ImsException;
import io.github.aemclient.ImsUnavailableException;
import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.github.aemclient.internal.credentials.ServiceCredentialsReader;
import io.github.aemclient.internal.jwt.JwtAssertionFactory;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsRequest;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import io.github.aemclient.testkit.TestCredentials.JsonEdit;
import jakarta.json.Json;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImsClientTest {

    static final TestCredentials TEST = TestCredentials.generate();
    static ImsStandIn ims;

    @BeforeAll
    static void start() {
        ims = ImsStandIn.start().register(TEST).tokenLifetime(Duration.ofHours(24));
    }

    @AfterAll
    static void stop() {
        ims.close();
    }

    ImsTokenResponse exchange(String credentialsJson) {
        return exchange(credentialsJson, Duration.ofSeconds(5));
    }

    ImsTokenResponse exchange(String credentialsJson, Duration readTimeout) {
        ServiceCredentials credentials = ServiceCredentialsReader.fromJson(credentialsJson, "test");
        String jwt = new JwtAssertionFactory(credentials, Clock.systemUTC(), Duration.ofMinutes(5)).create();
        return new ImsClient(ims.url(), Duration.ofSeconds(2), readTimeout)
                .exchangeJwt(credentials.clientId(), credentials.clientSecret(), jwt);
    }

    /**
     * A secret is masked however it comes back: as sent (form-encoded), as is, and as each kind of JSON writer
     * escapes it (only what it must: quote, backslash, control characters, short where there is a short form;
     * or DEL and every non-ASCII character too, in lower- or upper-case hex; '/' escaped or not). Longest first, so that masking a short variant
     * never breaks up a longer one that contains it.
     */
    @Test
    void aSecretIsMaskedAsTheFormAndEveryJsonWriterWouldEchoItLongestVariantFirst() {
        String secret = "a b~\u007F\u0001\n\"\\\u00e9/";

        java.util.List<String> echoes = ImsClient.echoes(java.util.List.of(secret));

        // DEL as it is, the newline short, the other control character in hex, 'é' as it is
        String minimal = "a b~\u007F\\u0001\\n\\\"\\\\\u00e9/";
        String lowerHex = "a b~\\u007f\\u0001\\n\\\"\\\\\\u00e9/";
        String upperHex = "a b~\\u007F\\u0001\\n\\\"\\\\\\u00E9/";
        assertThat(echoes).containsExactlyInAnyOrder(secret, "a+b%7E%7F%01%0A%22%5C%C3%A9%2F", minimal,
                minimal.replace("/", "\\/"), lowerHex, lowerHex.replace("/", "\\/"), upperHex,
                upperHex.replace("/", "\\/"));
        assertThat(echoes).isSortedAccordingTo(java.util.Comparator.comparingInt(String::length).reversed());
    }

    /** Every control character with a short form is echoed in it by every writer, backspace (the first) too. */
    @Test
    void controlCharactersWithAShortFormAreEchoedInIt() {
        assertThat(ImsClient.echoes(java.util.List.of("\b\f\n\r\t\u0000\u001f ")))
                .contains("\\b\\f\\n\\r\\t\\u0000\\u001f ", "\\b\\f\\n\\r\\t\\u0000\\u001F ")
                .allSatisfy(echo -> assertThat(echo).doesNotContain("\\u0008", "\\u0020"));
    }

    @Test
    void theClientsThreadsNeverKeepTheJvmAlive() {
        exchange(TEST.json());

        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("aem-ims-client"))
                .isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).as(t.getName()).isTrue());
    }

    @Test
    void exchangesTheAssertionForATokenWithItsLifetimeInMilliseconds() {
        ImsTokenResponse response = exchange(TEST.json());

        assertThat(response.expiresIn()).isEqualTo(Duration.ofHours(24));
        assertThat(ims.principalOf(response.accessToken())).contains(TEST.technicalAccountId());
        assertThat(response.toString()).doesNotContain(response.accessToken());
    }

    @Test
    void postsExactlyTheFormImsExpects() {
        exchange(TEST.json());
        ImsRequest request = ims.requests().get(ims.requests().size() - 1);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/ims/exchange/jwt");
        assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(request.form()).containsOnlyKeys("client_id", "client_secret", "jwt_token")
                .containsEntry("client_id", TEST.clientId())
                .containsEntry("client_secret", TEST.clientSecret());
        assertThat(request.status()).isEqualTo(200);
    }

    @Test
    void aWrongSecretIsInvalidClientAndTheSecretIsNotInTheMessage() {
        String json = TEST.json(i -> JsonEdit.set(i, "technicalAccount.clientSecret", Json.createValue("p8e-wrong")));

        assertThatThrownBy(() -> exchange(json))
                .isInstanceOfSatisfying(ImsException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).contains("invalid_client");
                    assertThat(e.errorDescription()).contains("invalid client_secret parameter");
                    assertThat(e.isConfigurationError()).isTrue();
                })
                .hasMessageContaining("HTTP 400 invalid_client")
                .hasMessageContaining("technicalAccount.clientSecret")
                .message().doesNotContain("p8e-wrong").doesNotContain(TEST.clientSecret());
    }

    @Test
    void aKeyImsDoesNotKnowIsInvalidSignature() {
        TestCredentials other = TestCredentials.generate();
        String json = TEST.json(i -> JsonEdit.set(JsonEdit.remove(i, "publicKey"), "privateKey",
                Json.createValue(other.privateKeyPem())));

        assertThatThrownBy(() -> exchange(json))
                .isInstanceOfSatisfying(ImsException.class, e -> assertThat(e.error()).contains("invalid_signature"))
                .hasMessageContaining("private key does not match");
    }

    static Stream<Arguments> claimErrors() {
        return Stream.of(
                Arguments.of("org", "someone-else@AdobeOrg", "invalid_token"),
                Arguments.of("id", "other@techacct.adobe.com", "invalid_token"),
                Arguments.of("imsEndpoint", "ims-eu1.adobelogin.com", "invalid_token"),
                Arguments.of("metascopes", "ent_aem_cloud_sdk,ent_not_granted_sdk", "invalid_scope"));
    }

    @ParameterizedTest
    @MethodSource("claimErrors")
    void claimsImsDoesNotAcceptAreNamedWithImsCode(String field, String value, String error) {
        String json = TEST.json(i -> JsonEdit.set(i, field, Json.createValue(value)));

        assertThatThrownBy(() -> exchange(json))
                .isInstanceOfSatisfying(ImsException.class, e -> assertThat(e.error()).contains(error));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "invalid_client    | check technicalAccount.clientId and technicalAccount.clientSecret in the credentials",
        "invalid_signature | the private key does not match a certificate registered for this integration",
        "invalid_token     | IMS rejected the signed JWT: check the org and id in the credentials, and that this machine's clock is right",
        "invalid_scope     | a metascope in the credentials is not granted to this integration",
        "bad_request       | IMS could not read the request (is ims-url pointing at IMS?)"})
    void eachImsRefusalComesWithAHintAtWhatToFix(String error, String hint) {
        ims.enqueue(Fault.error(400, error, "refused"));

        assertThatThrownBy(() -> exchange(TEST.json())).isInstanceOf(ImsException.class)
                .hasMessage("IMS refused the token exchange: HTTP 400 " + error + " (refused): " + hint
                        + (error.equals("invalid_signature") ? ": download the service credentials again" : ""));
    }

    @Test
    void a500IsReportedAsRetryable() {
        ims.enqueue(Fault.error(500, "internal_error", "Internal Server Error"));

        assertThatThrownBy(() -> exchange(TEST.json()))
                .isInstanceOfSatisfying(ImsException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.error()).contains("internal_error");
                    assertThat(e.isConfigurationError()).isFalse();
                });
    }

    static Stream<Arguments> unexpectedAnswers() {
        return Stream.of(
                Arguments.of(Fault.body(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"),
                        "HTTP 502 with an unexpected response: no IMS error in the body; body: \"<html><body><h1>502 Bad Gateway"),
                Arguments.of(Fault.body(503, "text/plain", ""), "HTTP 503 with an unexpected response: no IMS error in the body; body: <empty>"),
                Arguments.of(Fault.body(200, "text/html", "<html>login</html>"), "HTTP 200 with an unexpected response: its body is not a JSON object"),
                Arguments.of(Fault.body(200, "application/json", "{\"token_type\":\"bearer\",\"expires_in\":86399000}"),
                        "access_token is missing"),
                Arguments.of(Fault.body(200, "application/json", "{\"access_token\":\"abc\"}"), "expires_in is missing"),
                Arguments.of(Fault.body(200, "application/json", "{\"access_token\":\"abc\",\"expires_in\":\"soon\"}"),
                        "expires_in must be a whole number but is a string"),
                Arguments.of(Fault.body(200, "application/json", "{\"access_token\":\"abc\",\"expires_in\":-5}"),
                        "expires_in is -5 ms, outside 1 ms to 7 days"),
                Arguments.of(Fault.body(200, "application/json", "{\"access_token\":\"abc\",\"expires_in\":86400000000}"),
                        "expires_in is 86400000000 ms"),
                Arguments.of(Fault.body(200, "application/json", "{\"token_type\":\"mac\",\"access_token\":\"abc\",\"expires_in\":5}"),
                        "token_type is 'mac', not 'bearer'"),
                Arguments.of(Fault.body(200, "application/json", "{\"access_token\":\"abc\",\"expires_in\":86"),
                        "ends too early"));
    }

    @ParameterizedTest
    @MethodSource("unexpectedAnswers")
    void unexpectedAnswersAreNamedWithStatusAndExcerpt(Fault fault, String message) {
        ims.enqueue(fault);

        assertThatThrownBy(() -> exchange(TEST.json()))
                .isInstanceOf(ImsException.class)
                .hasMessageContaining(message);
    }

    /** A 200 answer may carry an access token however malformed it is, so its body is never quoted. */
    static Stream<Arguments> malformedSuccessAnswers() {
        String token = "eyJhbGciOiJSUzI1NiIsIng1dSI6ImltcyJ9.eyJpZCI6IjE3MDAwMDAwMDAwMDAifQ.c2lnbmF0dXJlLXNlY3JldC10b2tlbg";
        String json = "{\"token_type\":\"bearer\",\"access_token\":\"" + token + "\",\"expires_in\":86399000}";
        return Stream.of(
                Arguments.of(token, json.substring(0, json.length() - 3), "its body is not valid JSON: it ends too early"),
                Arguments.of(token, "access_token=" + token + "&expires_in=86399000", "its body is not a JSON object"),
                Arguments.of(token, json.replace("\"expires_in\"", "\"access_token\""), "its body is not valid JSON"),
                Arguments.of(token, json.replace("86399000", "["), "its body is not valid JSON"),
                Arguments.of(token, json.replace("\"token_type\":\"bearer\"", "\"token_type\":\"" + token + "\""),
                        "token_type is not 'bearer'"));
    }

    @ParameterizedTest
    @MethodSource("malformedSuccessAnswers")
    void aMalformed200AnswerIsDescribedButNeverQuoted(String token, String body, String problem) {
        ims.enqueue(Fault.body(200, "application/json", body));

        assertThatThrownBy(() -> exchange(TEST.json()))
                .isInstanceOf(ImsException.class)
                .hasMessageContaining("IMS answered HTTP 200 with an unexpected response")
                .hasMessageContaining(problem)
                .message().doesNotContain(token.substring(0, 12)).doesNotContain(token.substring(40, 52))
                .doesNotContain("body: \"");
    }

    @Test
    void aMalformed200AnswerIsSizedNotQuoted() {
        ims.enqueue(Fault.body(200, "text/html", "<html>" + "x".repeat(494) + "</html>"));

        assertThatThrownBy(() -> exchange(TEST.json()))
                .hasMessageContaining("its body is not a JSON object")
                .hasMessageContaining("the body (507 characters starting with '<') is not quoted")
                .message().doesNotContain("xxx");
    }

    /** An IMS answer is under 4 KiB: a bigger one is not IMS's, and is not read past the cap. */
    @ParameterizedTest
    @ValueSource(ints = {200, 404, 502})
    void anAnswerLargerThanTheCapEndsTheExchangeNamingItsStatus(int status) {
        ims.enqueue(Fault.largeBody(status, 1024 * 1024));

        assertThatThrownBy(() -> exchange(TEST.json()))
                .isInstanceOfSatisfying(ImsException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.isConfigurationError()).isEqualTo(status == 404);
                })
                .hasMessageContaining("IMS answered HTTP " + status + " with an unexpected response: its body is larger"
                        + " than 65536 bytes")
                .message().doesNotContain("aaaa");
    }

    @Test
    void anAnswerOfExactlyTheCapIsStillRead() {
        // 65536 bytes of an unfinished JSON string, then nothing: read to the cap, so the read timeout ends it
        ims.enqueue(Fault.largeBody(200, ImsClient.MAX_BODY_BYTES));

        assertThatThrownBy(() -> exchange(TEST.json(), Duration.ofMillis(500)))
                .isInstanceOf(ImsException.class)
                .message().doesNotContain("larger than");
    }

    @Test
    void anEndlessAnswerIsCutOffAtTheCapRatherThanReadUntilTheTimeout() {
        ims.enqueue(Fault.largeBody(200, Long.MAX_VALUE));
        long start = System.nanoTime();

        assertThatThrownBy(() -> exchange(TEST.json(), Duration.ofSeconds(3)))
                .isInstanceOf(ImsException.class)
                .hasMessageContaining("larger than 65536 bytes");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void expiresInAsANumericStringIsAccepted() {
        ims.enqueue(Fault.body(200, "application/json",
                "{\"token_type\":\"bearer\",\"access_token\":\"abc\",\"expires_in\":\"86399000\"}"));

        assertThat(exchange(TEST.json()).expiresIn()).isEqualTo(Duration.ofMillis(86_399_000));
    }

    @Test
    void anEchoedSecretIsMaskedInTheExcerpt() {
        ims.enqueue(Fault.body(400, "text/plain", "bad request: client_secret=" + TEST.clientSecret()));

        assertThatThrownBy(() -> exchange(TEST.json()))
                .hasMessageContaining("client_secret=<redacted>")
                .message().doesNotContain(TEST.clientSecret());
    }

    @Test
    void aSilentImsTimesOut() {
        ims.enqueue(Fault.delay(Duration.ofSeconds(3)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> exchange(TEST.json(), Duration.ofMillis(300)))
                .isInstanceOf(ImsUnavailableException.class)
                .hasMessageContaining("did not answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anImsThatSendsItsHeadersThenStallsIsCutOffByTheReadTimeoutToo() {
        ims.enqueue(Fault.stalledBody(200, Duration.ofSeconds(10)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> exchange(TEST.json(), Duration.ofMillis(300)))
                .isInstanceOf(ImsUnavailableException.class)
                .hasMessageContaining("did not answer within 300 ms");
        // The whole exchange, body included, is bounded by connect + read timeout, not only the wait for headers.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anImsHostThatDoesNotResolveIsSaidSoNotRefused() {
        ImsClient client = new ImsClient(java.net.URI.create("https://ims.aem-client-test.invalid"),
                Duration.ofSeconds(2), Duration.ofSeconds(2));

        assertThatThrownBy(() -> client.clientCredentials("id", "secret", java.util.List.of("openid")))
                .isInstanceOf(ImsUnavailableException.class)
                .hasMessageContaining("the host name ims.aem-client-test.invalid does not resolve")
                .message().doesNotContain("refused");
    }

    @Test
    void aDroppedConnectionIsUnavailableNamingTheFailureAndWhatItSaid() {
        ims.enqueue(Fault.disconnect());

        // the JDK says "IOException: HTTP/1.1 header parser received no bytes": its type and its words both count
        assertThatThrownBy(() -> exchange(TEST.json())).isInstanceOf(ImsUnavailableException.class)
                .hasMessageContaining(ims.url().toString())
                .hasMessageMatching("IMS at \\S+ failed: [A-Za-z]+Exception: \\S.*");
    }

    @Test
    void closingTheClientEndsAnExchangeInProgressAsClosedNotAsAnImsFailure() throws Exception {
        ims.enqueue(Fault.delay(Duration.ofSeconds(5)));
        ServiceCredentials credentials = ServiceCredentialsReader.fromJson(TEST.json(), "test");
        String jwt = new JwtAssertionFactory(credentials, Clock.systemUTC(), Duration.ofMinutes(5)).create();
        ImsClient client = new ImsClient(ims.url(), Duration.ofSeconds(2), Duration.ofSeconds(10));
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> catchThrowable(
                () -> client.exchangeJwt(credentials.clientId(), credentials.clientSecret(), jwt)));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ims.pendingFaults() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(ims.pendingFaults()).as("the exchange reached IMS").isZero();

        client.close();

        assertThat(outcome.get(3, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessage("The IMS client is closed (its AEM environment was closed)");
    }

    @Test
    void anInterruptedCallerGetsItsInterruptBack() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> exchange(TEST.json())).isInstanceOf(ImsUnavailableException.class)
                    .hasMessageContaining("call was interrupted");
            assertThat(Thread.currentThread().isInterrupted()).as("the caller's interrupt status").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aProxyRefusalWithoutAProxyConfiguredSaysToConfigureOne() {
        ims.enqueue(Fault.body(407, "text/plain", "proxy authentication required"));

        assertThatThrownBy(() -> exchange(TEST.json())).isInstanceOf(ImsException.class)
                .hasMessageContaining("set aem.<env>.proxy-address, aem.<env>.proxy-user and aem.<env>.proxy-password");
    }

    @Test
    void aTokenResponseShowsItsLifetimeButNeverItsToken() {
        ImsTokenResponse response = exchange(TEST.json());

        assertThat(response).hasToString("ImsTokenResponse[accessToken=<redacted>, expiresIn=PT24H]");
        assertThat(response.toString()).doesNotContain(response.accessToken());
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ServiceCredentials credentials = ServiceCredentialsReader.fromJson(TEST.json(), "test");
        ImsClient client = new ImsClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThatThrownBy(() -> client.exchangeJwt(credentials.clientId(), credentials.clientSecret(), "x.y.z"))
                .isInstanceOf(ImsUnavailableException.class)
                .hasMessageContaining("refused the connection");
    }

    @Test
    void theExchangeUrlIsBuiltFromTheBaseUrl() {
        assertThat(new ImsClient(URI.create("https://ims-na1.adobelogin.com/"), Duration.ofSeconds(1), Duration.ofSeconds(1))
                .exchangeUri()).hasToString("https://ims-na1.adobelogin.com/ims/exchange/jwt");
    }
}

package io.github.aemclient.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.aemclient.AemClientException;
import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.ImsException;
import io.github.aemclient.TokenExpiredException;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import io.github.aemclient.testkit.TestCredentials.JsonEdit;
import io.github.aemclient.testkit.TestOAuthCredentials;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input of every kind a user can supply — credentials, development tokens, properties — or
 * receive from IMS: each gives one clear error naming the problem, of the library's own exception types,
 * and none contains a secret.
 */
class MalformedInputTest {

    static final TestCredentials TEST = TestCredentials.generate();
    static final TestOAuthCredentials OAUTH = TestOAuthCredentials.generate();
    static final String PASSWORD = "s3cret-Passw0rd";
    static final Path DIR = createDirectory();
    static ImsStandIn ims;
    static AemStandIn aem;

    @BeforeAll
    static void start() {
        ims = ImsStandIn.start().register(TEST).register(OAUTH);
        aem = AemStandIn.start(ims);
    }

    @AfterAll
    static void stop() {
        aem.close();
        ims.close();
    }

    static Path createDirectory() {
        try {
            return Files.createTempDirectory("malformed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OAuth Server-to-Server environment against the stand-ins, configured by {@code settings}, asked for a token. */
    static Runnable oauth(Consumer<AemEnvironment.Builder> settings) {
        return service(builder -> {
            builder.property("client-id", OAUTH.clientId()).property("client-secret", OAUTH.clientSecret())
                    .property("scopes", OAUTH.scopesText());
            settings.accept(builder);
        });
    }

    /** An OAuth environment whose IMS answers {@code /ims/token/v3} with this. */
    static Runnable oauthImsAnswers(int status, String body) {
        return () -> {
            ims.enqueue(Fault.body(status, "application/json", body));
            oauth(builder -> { }).run();
        };
    }

    /** A service environment against the stand-ins, configured by {@code settings}, asked for a token. */
    static Runnable service(Consumer<AemEnvironment.Builder> settings) {
        return () -> {
            AemEnvironment.Builder builder = AemEnvironment.builder("author").url(aem.url().toString())
                    .imsUrl(ims.url().toString()).property("retry-max-attempts", "1");
            settings.accept(builder);
            try (AemEnvironment environment = builder.build()) {
                environment.tokenProvider().orElseThrow().getAccessToken();
            }
        };
    }

    static Runnable credentials(String json) {
        return service(b -> b.credentials(json));
    }

    static String write(String name, String content) {
        try {
            return Files.writeString(DIR.resolve(name), content, StandardCharsets.UTF_8).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Runnable credentialsFile(byte[] content) {
        return () -> {
            Path file = DIR.resolve("creds-" + System.nanoTime() + ".json");
            try {
                Files.write(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            service(b -> b.credentialsFile(file)).run();
        };
    }

    static Runnable edited(String field, JsonValue value) {
        return credentials(TEST.json(i -> value == null ? JsonEdit.remove(i, field) : JsonEdit.set(i, field, value)));
    }

    static Runnable developerToken(String token) {
        return () -> {
            try (AemEnvironment dev = AemEnvironment.builder("dev").url(aem.url().toString()).token(token).build()) {
                dev.tokenProvider().orElseThrow().getAccessToken();
            }
        };
    }

    static Runnable property(String key, String value) {
        return service(b -> b.credentials(TEST.json()).property(key, value));
    }

    static Runnable imsAnswers(int status, String contentType, String body) {
        return () -> {
            ims.enqueue(Fault.body(status, contentType, body));
            credentials(TEST.json()).run();
        };
    }

    static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    static String ecKeyPem() {
        try {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                    ec.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> inputs() {
        String json = TEST.json();
        String pem = TEST.privateKeyPem();
        return Stream.of(
                // credentials JSON
                Arguments.of("missing client id", edited("technicalAccount.clientId", null), "integration.technicalAccount.clientId is missing"),
                Arguments.of("missing client secret", edited("technicalAccount.clientSecret", null), "integration.technicalAccount.clientSecret is missing"),
                Arguments.of("empty org", edited("org", Json.createValue("")), "integration.org is empty"),
                Arguments.of("metascopes a number", edited("metascopes", Json.createValue(3)), "integration.metascopes must be a comma-separated string"),
                Arguments.of("technicalAccount a string", edited("technicalAccount", Json.createValue("x")), "integration.technicalAccount must be an object"),
                Arguments.of("id a boolean", edited("id", JsonValue.TRUE), "integration.id must be a string but is a boolean"),
                Arguments.of("imsEndpoint with a scheme", edited("imsEndpoint", Json.createValue("https://ims-na1.adobelogin.com")), "integration.imsEndpoint must be a host name"),
                Arguments.of("truncated JSON", credentials(json.substring(0, json.length() - 40)), "ends too early"),
                Arguments.of("an HTML page", credentials("<html><body>Sign in</body></html>"), "is not a JSON object"),
                Arguments.of("UTF-16 file", credentialsFile(("\uFEFF" + json).getBytes(StandardCharsets.UTF_16LE)), "is UTF-16 encoded"),
                Arguments.of("Latin-1 file", credentialsFile("{\"org\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)), "is not UTF-8 text"),
                Arguments.of("huge file", credentialsFile(new byte[3 * 1024 * 1024]), "too large"),
                Arguments.of("certificate as private key", edited("privateKey", Json.createValue(TEST.certificatePem())), "holds a certificate, not a private key"),
                Arguments.of("EC key", edited("privateKey", Json.createValue(ecKeyPem())), "integration.privateKey is not a readable RSA private key"),
                Arguments.of("encrypted key", edited("privateKey", Json.createValue("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----")), "is an encrypted PKCS#8 key"),
                Arguments.of("garbled key", edited("privateKey", Json.createValue(pem.replace(pem.substring(90, 100), "**********"))), "is a damaged PEM block"),
                Arguments.of("key of another download", edited("privateKey", Json.createValue(TestCredentials.generate().privateKeyPem())), "does not match the certificate"),
                Arguments.of("1024-bit key", credentials(TestCredentials.builder().keyBits(1024).build().json()), "is a 1024-bit RSA key"),
                Arguments.of("ok false", credentials("{\"ok\":false,\"integration\":{},\"statusCode\":403}"), "ok is false"),
                // local development tokens
                Arguments.of("expired development token", developerToken(ims.issueDeveloperToken(Instant.now().minus(Duration.ofDays(2)), Duration.ofHours(24))), "expired at"),
                Arguments.of("development token not a JWT", developerToken("abc123"), "is not a JWT"),
                Arguments.of("development token without expires_in", developerToken(jwt("{\"created_at\":\"1700000000000\"}")), "its claim expires_in is missing"),
                Arguments.of("development token whose lifetime overflows", developerToken(jwt("{\"created_at\":9223372036854775807,\"expires_in\":86400000}")), "its claim created_at + expires_in is after the year 9999"),
                Arguments.of("development token created before 1970", developerToken(jwt("{\"created_at\":-1,\"expires_in\":86400000}")), "its claim created_at is negative"),
                Arguments.of("development token with unreadable claims", developerToken("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln"), "is damaged"),
                Arguments.of("console JSON without accessToken", developerToken("{\"ok\":true,\"statusCode\":200}"), "accessToken is missing"),
                Arguments.of("two tokens pasted", developerToken("eyJ.a.b eyJ.c.d"), "contains whitespace"),
                // properties
                Arguments.of("URL without host", service(b -> b.credentials(json).url("https://")), "aem.author.url is not a valid URL"),
                Arguments.of("ftp URL", service(b -> b.credentials(json).url("ftp://aem.example.com")), "aem.author.url must be an http(s) URL"),
                Arguments.of("negative timeout", property("read-timeout", "-5s"), "aem.author.read-timeout '-5s' is not a duration"),
                Arguments.of("zero timeout", property("connect-timeout", "0"), "aem.author.connect-timeout is 0"),
                Arguments.of("unknown mode", property("mode", "sso"), "aem.author.mode is 'sso'; allowed: service, oauth, developer, basic, none"),
                Arguments.of("refresh ratio out of range", property("refresh-ratio", "1.2"), "aem.author.refresh-ratio is '1.2'"),
                Arguments.of("no attempts", property("retry-max-attempts", "0"), "aem.author.retry-max-attempts is '0'"),
                Arguments.of("credentials over plain http", service(b -> b.credentials(json).url("http://aem.example.com")), "aem.author.url is plain http"),
                Arguments.of("two kinds of credentials", service(b -> b.credentials(json).token("x.y.z")), "are all set; keep one kind"),
                Arguments.of("password over plain http", (Runnable) () -> AemEnvironment.builder("local")
                        .url("http://aem.example.com").basicAuth("admin", PASSWORD).build(),
                        "the password would cross the network unencrypted"),
                Arguments.of("absent token file", (Runnable) () -> AemEnvironment.builder("dev").url(aem.url().toString())
                        .tokenFile(DIR.resolve("absent-token.json")).build(), "absent-token.json does not exist"),
                // IMS answers
                Arguments.of("IMS HTML error page", imsAnswers(502, "text/html", "<html><h1>502 Bad Gateway</h1></html>"), "HTTP 502 with an unexpected response"),
                Arguments.of("IMS empty body", imsAnswers(200, "application/json", ""), "its body is empty"),
                Arguments.of("IMS without access_token", imsAnswers(200, "application/json", "{\"token_type\":\"bearer\",\"expires_in\":86399000}"), "access_token is missing"),
                Arguments.of("IMS expires_in as words", imsAnswers(200, "application/json", "{\"access_token\":\"a\",\"expires_in\":\"a day\"}"), "expires_in must be a whole number"),
                Arguments.of("IMS without expires_in", imsAnswers(200, "application/json", "{\"access_token\":\"a\"}"), "expires_in is missing"),
                Arguments.of("IMS negative expires_in", imsAnswers(200, "application/json", "{\"access_token\":\"a\",\"expires_in\":-1}"), "expires_in is -1 ms"),
                Arguments.of("IMS huge expires_in", imsAnswers(200, "application/json", "{\"access_token\":\"a\",\"expires_in\":9000000000000}"), "expires_in is 9000000000000 ms"),
                Arguments.of("IMS array body", imsAnswers(200, "application/json", "[1,2,3]"), "is not a JSON object"),
                // OAuth Server-to-Server
                Arguments.of("oauth without scopes", oauth(b -> b.property("scopes", " , ")), "aem.author.scopes names no scope"),
                Arguments.of("oauth scopes separated by spaces", oauth(b -> b.property("scopes", "openid AdobeID")), "aem.author.scopes has a scope that is not a single word"),
                Arguments.of("oauth without client id", service(b -> b.property("client-secret", OAUTH.clientSecret()).property("scopes", "openid")), "aem.author.client-id is missing"),
                Arguments.of("oauth without secret", service(b -> b.property("client-id", OAUTH.clientId()).property("scopes", "openid")), "aem.author.client-id and aem.author.scopes are set but neither aem.author.client-secret-file nor aem.author.client-secret is"),
                Arguments.of("oauth secret given as its file", service(b -> b.property("client-id", OAUTH.clientId()).property("scopes", "openid").property("client-secret-file", OAUTH.clientSecret())), "aem.author.client-secret-file names no existing file (the value is not shown"),
                Arguments.of("IMS echoing the form-encoded secret", oauthImsAnswers(502, "<html>400: grant_type=client_credentials&client_secret=" + URLEncoder.encode(OAUTH.clientSecret(), StandardCharsets.UTF_8) + "</html>"), "HTTP 502 with an unexpected response"),
                Arguments.of("IMS echoing the JSON-escaped secret", oauthImsAnswers(500, Json.createObjectBuilder().add("message", "bad secret " + OAUTH.clientSecret()).build().toString().replace("/", "\\/")), "HTTP 500 with an unexpected response"),
                Arguments.of("oauth secret inline and in a file", oauth(b -> b.property("client-secret-file", write("secret", "x"))), "Both aem.author.client-secret-file and aem.author.client-secret are set"),
                Arguments.of("oauth secret file of white space", service(b -> b.property("client-id", OAUTH.clientId()).property("scopes", "openid").property("client-secret-file", write("blank-secret", "  \n"))), "aem.author.client-secret-file holds only white space"),
                Arguments.of("oauth scope not granted", oauth(b -> b.property("scopes", "openid,aem.sites.admin")), "invalid_scope (invalid scope(s): aem.sites.admin): a requested scope is not granted"),
                Arguments.of("oauth wrong secret", oauth(b -> b.property("client-secret", "p8e-wrong")), "invalid_client (invalid client_secret parameter): check the client id and client secret"),
                Arguments.of("oauth expires_in in milliseconds by mistake", oauthImsAnswers(200, "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":86399000}"), "expires_in is 86399000 s, outside 1 s to 7 days"),
                Arguments.of("oauth zero expires_in", oauthImsAnswers(200, "{\"access_token\":\"a\",\"expires_in\":0}"), "expires_in is 0 s"),
                Arguments.of("oauth and service credentials", oauth(b -> b.credentialsFile(Path.of(write("both.json", TEST.json())))), "Conflicting credentials for environment 'author': aem.author.credentials-file and aem.author.client-id, aem.author.client-secret, aem.author.scopes are all set"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void givesOneClearErrorAndNoSecret(String name, Runnable action, String expected) {
        Throwable thrown = catchThrowable(action::run);

        assertThat(thrown).as(name).isNotNull()
                .isInstanceOfAny(AemConfigurationException.class, ImsException.class, TokenExpiredException.class)
                .hasMessageContaining(expected);
        assertThat(thrown).isInstanceOf(AemClientException.class);
        String everything = thrown + String.valueOf(thrown.getCause());
        for (String secret : secrets()) {
            assertThat(everything).as("%s must not reveal a secret", name).doesNotContain(secret);
        }
    }

    static List<String> secrets() {
        String[] keyLines = TEST.privateKeyPem().split("\r\n");
        return List.of(TEST.clientSecret(), keyLines[1], keyLines[5], PASSWORD, OAUTH.clientSecret(),
                URLEncoder.encode(OAUTH.clientSecret(), StandardCharsets.UTF_8), OAUTH.clientSecret().substring(0, 20),
                URLEncoder.encode(TEST.clientSecret(), StandardCharsets.UTF_8));
    }
}

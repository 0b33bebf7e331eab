package io.github.aemclient.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.it.app.JwtApi;
import io.github.aemclient.it.app.JwtResource;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that authenticates its own callers with the server's MicroProfile JWT
 * ({@code @LoginConfig(authMethod = "MP-JWT")}, a resource with {@code @RolesAllowed}) and calls AEM through
 * {@code @AemClient}: the two coexist in one deployment, the caller's JWT is checked by the server, and AEM gets
 * the library's IMS token, never the caller's. Runs on the configurations whose server has MicroProfile JWT ({@code it.server.mp-jwt}).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "it.server.mp-jwt", matches = "true")
class MicroProfileJwtIT {

    static final Path WORK = AemClientIT.directory("it-jwt-" + Server.name());
    static final TestCredentials SERVICE = TestCredentials.generate();
    static final ImsStandIn IMS = ImsStandIn.start().register(SERVICE);
    static final AemStandIn AEM = AemStandIn.start(IMS);
    static final String ISSUER = "https://issuer.aem-client.it";
    /** The application's own identity provider's key: its public half is the application's mp.jwt.verify.publickey. */
    static final KeyPair CALLERS = rsaKeyPair();


    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        Map<String, String> config = new HashMap<>();
        Deployments.service(config, "it-jwt", AEM.url(), SERVICE, WORK.resolve("service.json"), IMS.url());
        config.put("mp.jwt.verify.publickey", "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(CALLERS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        config.put("mp.jwt.verify.issuer", ISSUER);
        // RESTEasy (WildFly) enforces @RolesAllowed only when asked to; it reads its settings from MicroProfile Config
        config.put("resteasy.role.based.security", "true");
        return Deployments.war("aem-jwt", config, JwtApi.class, JwtResource.class);
    }

    @AfterAll
    static void stopStandIns() {
        AEM.close();
        IMS.close();
    }

    @Test
    void aCallerWithAValidJwtIsKnownToTheApplicationAndAemGetsTheLibrarysToken() {
        String jwt = callerJwt(CALLERS.getPrivate(), "alice@example.com", "aem-reader");

        HttpResponse<String> page = get(jwt);

        assertThat(page.statusCode()).as(page.body() + page.headers().map()).isEqualTo(200);
        assertThat(page.body()).startsWith("caller=alice@example.com reader=true page=")
                .contains(SERVICE.technicalAccountId());
        assertThat(AEM.requests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.bearerToken()).as("the token AEM received").isPresent();
            assertThat(request.authorization().orElseThrow()).doesNotContain(jwt);
        });
    }

    @Test
    void aCallerWithoutAJwtIsRefusedByTheServerBeforeAnyCallToAem() {
        int aemCallsBefore = AEM.requests().size();

        HttpResponse<String> page = get(null);

        // Refused either way: 401 from Payara's MicroProfile JWT, 403 from RESTEasy's role check on WildFly
        assertThat(page.statusCode()).as(page.body()).isIn(401, 403);
        assertThat(AEM.requests()).as("AEM calls made for the refused caller").hasSize(aemCallsBefore);
    }

    @Test
    void aCallerOutsideTheRoleIsForbidden() {
        int aemCallsBefore = AEM.requests().size();

        HttpResponse<String> page = get(callerJwt(CALLERS.getPrivate(), "bob@example.com", "marketing"));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(403);
        assertThat(AEM.requests()).as("AEM calls made for the forbidden caller").hasSize(aemCallsBefore);
    }

    @Test
    void aJwtSignedByAnotherKeyIsRefusedByTheServersMicroProfileJwt() {
        int aemCallsBefore = AEM.requests().size();

        HttpResponse<String> page = get(callerJwt(rsaKeyPair().getPrivate(), "mallory@example.com", "aem-reader"));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(401);
        assertThat(AEM.requests()).as("AEM calls made for the refused caller").hasSize(aemCallsBefore);
    }

    @Test
    void aJwtFromAnotherIssuerOrExpiredIsRefused() {
        int aemCallsBefore = AEM.requests().size();
        long hourAgo = Instant.now().getEpochSecond() - 3600;

        HttpResponse<String> otherIssuer = get(callerJwt(CALLERS.getPrivate(), "eve@example.com", "aem-reader",
                "https://issuer.example.org", Instant.now().getEpochSecond() + 300));
        HttpResponse<String> expired = get(callerJwt(CALLERS.getPrivate(), "eve@example.com", "aem-reader", ISSUER,
                hourAgo));

        assertThat(otherIssuer.statusCode()).as(otherIssuer.body()).isEqualTo(401);
        assertThat(expired.statusCode()).as(expired.body()).isEqualTo(401);
        assertThat(AEM.requests()).as("AEM calls made for the refused callers").hasSize(aemCallsBefore);
    }

    HttpResponse<String> get(String jwt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.loopback(base, "api/jwt/page"));
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        return Http.send(request);
    }

    /** What the application's identity provider would issue: RS256, upn, groups, five minutes. */
    static String callerJwt(PrivateKey key, String upn, String group) {
        return callerJwt(key, upn, group, ISSUER, Instant.now().getEpochSecond() + 300);
    }

    static String callerJwt(PrivateKey key, String upn, String group, String issuer, long expiresAt) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + upn + "\",\"upn\":\"" + upn + "\",\"groups\":[\""
                + group + "\"],\"iat\":" + Math.min(now, expiresAt - 300) + ",\"exp\":" + expiresAt + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.github.aemclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class AemStandInTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> get(URI base, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptsOnlyLiveTokensItsImsIssued() throws Exception {
        try (ImsStandIn ims = ImsStandIn.start(); ImsStandIn otherIms = ImsStandIn.start();
                AemStandIn aem = AemStandIn.start(ims)) {
            String live = ims.issueDeveloperToken(Instant.now(), Duration.ofHours(1));
            String expired = ims.issueDeveloperToken(Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
            String foreign = otherIms.issueDeveloperToken(Instant.now(), Duration.ofHours(1));

            HttpResponse<String> ok = get(aem.url(), "/content/a.json", "Bearer " + live);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"path\":\"/content/a.json\"").contains("developer@example.com");
            assertThat(get(aem.url(), "/x", "Bearer " + expired).statusCode()).isEqualTo(401);
            assertThat(get(aem.url(), "/x", "Bearer " + foreign).statusCode()).isEqualTo(401);
            assertThat(get(aem.url(), "/x", null).statusCode()).isEqualTo(401);
            HttpResponse<String> unauthorized = get(aem.url(), "/x", "Bearer nonsense");
            assertThat(unauthorized.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Bearer"));
            assertThat(aem.requests()).extracting(AemRequest::status).containsExactly(200, 401, 401, 401, 401);
            assertThat(aem.requests().get(0).bearerToken()).contains(live);
        }
    }

    @Test
    void aLocalSdkTakesBasicAuthAndAnonymousCallsWhenAllowed() throws Exception {
        String admin = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8));
        try (AemStandIn sdk = AemStandIn.startLocalSdk().withBasicUser("admin", "admin")) {
            assertThat(get(sdk.url(), "/x", admin).body()).contains("\"principal\":\"admin\"");
            assertThat(get(sdk.url(), "/x", wrong).statusCode()).isEqualTo(401);
            assertThat(get(sdk.url(), "/x", null).statusCode()).isEqualTo(401);
            sdk.allowAnonymous();
            assertThat(get(sdk.url(), "/x", null).body()).contains("\"principal\":\"anonymous\"");
        }
    }

    @Test
    void redirectsOnRequest() throws Exception {
        try (AemStandIn sdk = AemStandIn.startLocalSdk().allowAnonymous()) {
            HttpResponse<String> redirect = get(sdk.url(), "/testkit/redirect?to=http://127.0.0.1:9/elsewhere", null);

            assertThat(redirect.statusCode()).isEqualTo(302);
            assertThat(redirect.headers().firstValue("Location")).contains("http://127.0.0.1:9/elsewhere");
        }
    }

    @Test
    void listensOnLoopbackOnly() {
        try (AemStandIn sdk = AemStandIn.startLocalSdk(); ImsStandIn ims = ImsStandIn.start()) {
            assertThat(sdk.boundAddress().getAddress().isLoopbackAddress()).as("AEM bound to %s", sdk.boundAddress())
                    .isTrue();
            assertThat(ims.boundAddress().getAddress().isLoopbackAddress()).as("IMS bound to %s", ims.boundAddress())
                    .isTrue();
            assertThat(sdk.url().getPort()).isEqualTo(sdk.boundAddress().getPort());
        }
    }

    @Test
    void refusesEveryTokenWhenToldTo() throws Exception {
        try (ImsStandIn ims = ImsStandIn.start(); AemStandIn aem = AemStandIn.start(ims).refuseEveryToken()) {
            String live = ims.issueDeveloperToken(Instant.now(), Duration.ofHours(1));

            assertThat(get(aem.url(), "/x", "Bearer " + live).statusCode()).isEqualTo(401);
            assertThat(aem.requests()).singleElement().satisfies(r -> assertThat(r.bearerToken()).contains(live));
        }
    }

    @Test
    void recordsEveryRequestHeader() throws Exception {
        try (AemStandIn sdk = AemStandIn.startLocalSdk().allowAnonymous()) {
            HTTP.send(HttpRequest.newBuilder(URI.create(sdk.url() + "/h")).header("X-Request-Id", "r-1")
                    .header("X-Multi", "a").header("X-Multi", "b").build(), HttpResponse.BodyHandlers.discarding());

            AemRequest request = sdk.requests().get(0);
            assertThat(request.header("x-request-id")).contains("r-1");
            assertThat(request.header("X-REQUEST-ID")).contains("r-1");
            assertThat(request.headers().get("x-multi")).containsExactly("a", "b");
            assertThat(request.header("Authorization")).isEmpty();
        }
    }

    @Test
    void compressesWhenTheClientAcceptsGzip() throws Exception {
        try (AemStandIn sdk = AemStandIn.startLocalSdk().allowAnonymous()) {
            HttpResponse<byte[]> plain = HTTP.send(HttpRequest.newBuilder(URI.create(sdk.url() + "/p")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> gzip = HTTP.send(HttpRequest.newBuilder(URI.create(sdk.url() + "/p"))
                    .header("Accept-Encoding", "gzip, deflate").build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
            try (GZIPInputStream in = new GZIPInputStream(
                    new ByteArrayInputStream(gzip.body()))) {
                assertThat(in.readAllBytes()).isEqualTo(plain.body());
            }
        }
    }

    @Test
    void streamsALargeBodyOfTheRequestedSize() throws Exception {
        try (AemStandIn sdk = AemStandIn.startLocalSdk().allowAnonymous()) {
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(sdk.url() + "/testkit/bytes/1000003")).build(), HttpResponse.BodyHandlers.ofInputStream());
            long count = 0;
            boolean pattern = true;
            try (InputStream in = response.body()) {
                int b;
                while ((b = in.read()) != -1) {
                    pattern &= b == count % 251;
                    count++;
                }
            }
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(count).isEqualTo(1000003);
            assertThat(pattern).as("byte i is i % 251").isTrue();
            assertThat(get(sdk.url(), "/testkit/bytes/lots", null).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void requireApiKeyGuardsOpenApiPathsWithTheTokensClientIdOnly() throws Exception {
        TestOAuthCredentials oauth = TestOAuthCredentials.generate();
        TestOAuthCredentials other = TestOAuthCredentials.generate();
        try (ImsStandIn ims = ImsStandIn.start().register(oauth).register(other);
                AemStandIn aem = AemStandIn.start(ims).requireApiKey()) {
            String form = "grant_type=client_credentials&client_id="
                    + java.net.URLEncoder.encode(oauth.clientId(), StandardCharsets.UTF_8) + "&client_secret="
                    + java.net.URLEncoder.encode(oauth.clientSecret(), StandardCharsets.UTF_8) + "&scope=openid";
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(ims.url() + "/ims/token/v3"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body();
            String token = jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject()
                    .getString("access_token");

            HttpResponse<String> missing = get(aem.url(), "/adobe/folders/", "Bearer " + token);
            HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(aem.url() + "/adobe/folders/"))
                    .header("Authorization", "Bearer " + token).header("X-Api-Key", other.clientId()).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> right = HTTP.send(HttpRequest.newBuilder(URI.create(aem.url() + "/adobe/folders/"))
                    .header("Authorization", "Bearer " + token).header("X-Api-Key", oauth.clientId()).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> classic = get(aem.url(), "/content/x.json", "Bearer " + token);

            assertThat(missing.statusCode()).isEqualTo(403);
            assertThat(missing.body()).contains("403000").contains("Api Key is required");
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(wrong.body()).contains("403003");
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(classic.statusCode()).as("classic paths need no key").isEqualTo(200);
        }
    }
}

package io.github.aemclient.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.aemclient.it.app.AemApi;
import io.github.aemclient.it.app.ReplayResource;
import io.github.aemclient.testkit.AemRequest;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AEM answering 401 inside the server, through the server's own JAX-RS client: an AEM that refuses every
 * token must not turn each request into an IMS exchange, and a request replayed after a revocation must be
 * the request the application sent (its target's providers, its generic entity), its answer decoded once;
 * a body that cannot be sent twice is not replayed.
 */
@ExtendWith(ArquillianExtension.class)
class RejectionAndReplayIT {

    static final Path WORK = AemClientIT.directory("it-replay-" + Server.name());
    static final TestCredentials DENIED = TestCredentials.generate();
    static final TestCredentials REPLAY = TestCredentials.generate();
    static final ImsStandIn IMS = ImsStandIn.start().register(DENIED).register(REPLAY);
    /** A technical account without permission on this AEM: every token is refused. */
    static final AemStandIn REFUSING = AemStandIn.start(IMS).refuseEveryToken();
    static final AemStandIn AEM = AemStandIn.start(IMS);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        Map<String, String> config = new HashMap<>();
        config.put("aem.denied.url", REFUSING.url().toString());
        config.put("aem.denied.credentials-file", DENIED.writeTo(WORK.resolve("denied.json")).toString());
        config.put("aem.denied.ims-url", IMS.url().toString());
        // Longer than the test takes on any machine: by default (30 s) a third exchange is due once 30 s have passed
        // since the last, and a loaded machine took 58 s for the 74 calls below.
        config.put("aem.denied.unauthorized-renewal-interval", "10m");
        String replayCredentials = REPLAY.writeTo(WORK.resolve("replay.json")).toString();
        for (String kind : List.of("gzip", "pojo", "generic", "stream", "multipart")) {
            config.put("aem.replay-" + kind + ".url", AEM.url().toString());
            config.put("aem.replay-" + kind + ".credentials-file", replayCredentials);
            config.put("aem.replay-" + kind + ".ims-url", IMS.url().toString());
        }
        return Deployments.war("aem-replay", config, AemApi.class, ReplayResource.class);
    }

    @AfterAll
    static void stopStandIns() {
        AEM.close();
        REFUSING.close();
        IMS.close();
    }

    /** The application's answer: the status it saw from AEM, a newline, the body it read. */
    String call(String endpoint, String path) {
        URI uri = Server.loopback(base, "api/replay/" + endpoint + (endpoint.contains("?") ? "&" : "?") + "path="
                + URLEncoder.encode(path, StandardCharsets.UTF_8));
        // 64 calls at once queue in the server behind each other, and behind a loaded machine
        HttpResponse<String> response = Http.get(uri, Duration.ofSeconds(120));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** The environment holds a token, which is then revoked: AEM will answer its next request with 401. */
    void revokeTheTokenOf(String environment) {
        assertThat(call("warm?environment=" + environment, "")).startsWith("200\n");
        IMS.revokeTokensOf(REPLAY.clientId());
    }

    static long exchangesOf(TestCredentials credentials) {
        return IMS.requests().stream().filter(r -> r.status() == 200)
                .filter(r -> credentials.clientId().equals(r.form().get("client_id"))).count();
    }

    static List<AemRequest> requestsTo(AemStandIn aem, String path) {
        return aem.requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void whenAemRefusesEveryToken64ConcurrentAnd10SequentialCallsCostAtMostTwoExchanges() {
        List<CompletableFuture<String>> concurrent = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String path = "/content/concurrent-" + i;
            concurrent.add(CompletableFuture.supplyAsync(() -> call("denied", path)));
        }
        for (CompletableFuture<String> answer : concurrent) {
            assertThat(answer.join()).as("AEM's answer reaches the application").startsWith("401\n");
        }
        for (int i = 0; i < 10; i++) {
            assertThat(call("denied", "/content/sequential-" + i)).startsWith("401\n");
        }

        assertThat(exchangesOf(DENIED)).as("IMS exchanges").isBetween(1L, 2L);
        assertThat(REFUSING.requests().stream().filter(r -> r.path().startsWith("/content/sequential-")))
                .as("no replay while renewals are held back").hasSize(10);
    }

    @Test
    void aReplayedGzipAnswerIsDecodedOnceByTheApplicationsOwnInterceptor() {
        assertThat(call("gzip", "/content/zipped-before.json")).as("gzip without a replay")
                .startsWith("200\n").contains("\"path\":\"/content/zipped-before.json\"");
        IMS.revokeTokensOf(REPLAY.clientId());

        String answer = call("gzip", "/content/zipped.json");

        assertThat(answer).startsWith("200\n").contains("\"path\":\"/content/zipped.json\"");
        assertThat(requestsTo(AEM, "/content/zipped.json")).extracting(AemRequest::status).containsExactly(401, 200);
        assertThat(requestsTo(AEM, "/content/zipped.json")).allSatisfy(r -> assertThat(r.header("Accept-Encoding"))
                .contains("gzip"));
    }

    @Test
    void aPutOfAPojoWhoseWriterIsRegisteredOnTheTargetIsReplayed() {
        revokeTheTokenOf("replay-pojo");

        assertThat(call("pojo", "/content/page")).startsWith("200\n");
        assertThat(requestsTo(AEM, "/content/page")).extracting(AemRequest::status, AemRequest::body)
                .containsExactly(tuple(401, "page:Hello, world"),
                        tuple(200, "page:Hello, world"));
    }

    @Test
    void aGenericEntityIsReplayedWithItsGenericType() {
        revokeTheTokenOf("replay-generic");

        assertThat(call("generic", "/content/list")).startsWith("200\n");
        assertThat(requestsTo(AEM, "/content/list")).extracting(AemRequest::status, AemRequest::body)
                .containsExactly(tuple(401, "strings:a|b|c"),
                        tuple(200, "strings:a|b|c"));
    }

    @Test
    void aStreamIsNotReplayedAndTheNextRequestCarriesTheNewToken() {
        revokeTheTokenOf("replay-stream");

        assertThat(call("stream", "/content/stream")).startsWith("401\n");
        assertThat(call("stream-next", "/content/after-stream.json")).startsWith("200\n");
        assertThat(requestsTo(AEM, "/content/stream")).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo("streamed content"));
    }

    @Test
    void aMultipartBodyHidingAStreamIsNotReplayed() {
        revokeTheTokenOf("replay-multipart");

        assertThat(call("multipart", "/content/multipart")).startsWith("401\n");
        assertThat(requestsTo(AEM, "/content/multipart")).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("the file's content"));
    }
}

package io.github.aemclient.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.testkit.AemRequest;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.MutableClock;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The 401 replay at its edges, found by a hostile review: README "what a replay sends" promises "the
 * request as you sent it" — request filters run afresh on the replay, not on top of their first pass — and
 * only entities that can be sent twice; a 401 with an absurd body is handed back, not waited for. Run for
 * RESTEasy and for Jersey.
 */
public abstract class ReplayEdgeCasesContract extends ReplayFixture {

    /**
     * A request filter that adds a header with {@code add()} (a trace id, say) runs again on the replay —
     * which already carries the first pass's value copied from the rejected request — so the replay goes
     * out with the header twice: not "the request as you sent it".
     */
    @Test
    void aHeaderAFilterAddsIsNotDoubledOnTheReplay() {
        List<AemRequest> seen = revokeAndRecord(() -> {
            try (Response response = author.target().register(new AddsTraceHeader()).path("/content/traced")
                    .request().get()) {
                assertThat(response.getStatus()).isEqualTo(200);
            }
        });

        assertThat(seen).extracting(AemRequest::status).containsExactly(401, 200);
        assertThat(String.join(",", seen.get(0).headers().get("x-trace"))).isEqualTo("trace-1");
        assertThat(String.join(",", seen.get(1).headers().get("x-trace"))).as("the replay's X-Trace")
                .isEqualTo("trace-2");
    }

    /** The same with a filter that adds a query parameter: the replay's URI has it twice. */
    @Test
    void aQueryParameterAFilterAddsIsNotDoubledOnTheReplay() {
        List<AemRequest> seen = revokeAndRecord(() -> {
            try (Response response = author.target().register(new AddsQueryParameter()).path("/content/signed")
                    .request().get()) {
                assertThat(response.getStatus()).isEqualTo(200);
            }
        });

        assertThat(seen).extracting(AemRequest::status).containsExactly(401, 200);
        assertThat(seen.get(1).path()).as("the replay's path and query").isEqualTo(seen.get(0).path());
    }

    /**
     * The allow-list admits every class of the application, whatever it holds: a record carrying an
     * InputStream, written by the application's own writer registered on the target (the case the README
     * calls supported), is replayed after its stream was consumed — a silently truncated PUT.
     */
    @Test
    void anApplicationObjectHoldingAStreamIsNotReplayedTruncated() {
        List<AemRequest> seen = revokeAndRecord(() -> {
            Upload upload = new Upload("a.txt",
                    new ByteArrayInputStream("the file's content".getBytes(StandardCharsets.UTF_8)));
            try (Response response = author.target().register(UploadWriter.class).path("/content/dam/a.txt")
                    .request().put(Entity.entity(upload, MediaType.APPLICATION_OCTET_STREAM_TYPE))) {
                response.getStatus();
            }
        });

        assertThat(seen.get(0).body()).isEqualTo("a.txt:the file's content");
        assertThat(seen).extracting(AemRequest::body).as("every body AEM received for the PUT")
                .allMatch("a.txt:the file's content"::equals);
    }

    /**
     * Before replaying, the 401's body is read to its end "so its connection can be reused", without a
     * bound: a 401 whose body does not end (a misbehaving proxy, a hostile endpoint) hangs the call
     * forever — the read timeout never fires while bytes keep coming. Without the library the caller would
     * just get the 401.
     */
    @Test
    void aNeverEnding401BodyDoesNotHangTheCall() throws IOException {
        // Its own AEM, closed at the end: a client thread still reading cannot keep it streaming.
        try (AemStandIn endless = AemStandIn.start(ims);
                AemEnvironment env = AemEnvironment.builder("author").url(endless.url().toString())
                        .credentialsFile(credentialsFile).imsUrl(ims.url().toString()).clientBuilder(clientBuilder())
                        .build()) {
            env.target().path("/warm").request().get().close();
            endless.enqueue(Fault.largeBody(401, Long.MAX_VALUE));
            // Not closed here: RESTEasy reads a body to its end before giving its connection up, which for
            // an endless body never happens, library or not. Closing the client (below) ends it.
            Response response = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> env.target().path("/content/endless-401").request().get());
            assertThat(response.getStatus()).as("not replayed: the 401 goes back as it came").isEqualTo(401);
            InputStream body = response.readEntity(InputStream.class); // not closed either, for the same reason
            assertThat(body.readNBytes(1000)).as("the body, from its first byte").hasSize(1000)
                    .satisfies(bytes -> assertThat(new String(bytes, 0, 17, StandardCharsets.US_ASCII))
                            .isEqualTo("{\"access_token\":\""));
        }
    }

    @Test
    void a401BodyOfUpTo64KiBIsReadAwayAndTheRequestReplayed() {
        aem.enqueue(Fault.body(401, "text/plain", "x".repeat(Replay.MAX_DISCARDED_BYTES)));

        try (Response response = author.target().path("/content/big-401").request().get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.readEntity(String.class)).contains("\"path\":\"/content/big-401\"");
        }
    }

    @Test
    void a401BodyLongerThan64KiBIsHandedBackWhole() {
        String body = "y".repeat(Replay.MAX_DISCARDED_BYTES + 1);
        aem.enqueue(Fault.body(401, "text/plain", body));

        try (Response response = author.target().path("/content/bigger-401").request().get()) {
            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(response.readEntity(String.class)).isEqualTo(body);
        }
    }

    @Test
    void theReplaysAnswerCarriesNoHeaderOfThe401() {
        revokeAndRecord(() -> {
            try (Response response = author.target().path("/content/headers").request().get()) {
                assertThat(response.getStatus()).isEqualTo(200);
                assertThat(response.getHeaderString("WWW-Authenticate")).isNull();
            }
        });
    }

    /**
     * A HEAD answer has no body. After a replay RESTEasy still reports {@code hasEntity()} (its response
     * falls back to the drained 401's stream, which cannot be taken away through JAX-RS): what it reads is
     * empty, never the 401's body.
     */
    @Test
    void aReplayedHeadHasAnEmptyBodyAtMost() {
        List<AemRequest> seen = revokeAndRecord(() -> {
            try (Response response = author.target().path("/content/head").request().head()) {
                assertThat(response.getStatus()).isEqualTo(200);
                if (response.hasEntity()) {
                    assertThat(response.readEntity(String.class)).isEmpty();
                }
            }
        });

        assertThat(seen).extracting(AemRequest::method, AemRequest::status)
                .containsExactly(tuple("HEAD", 401), tuple("HEAD", 200));
    }

    @Test
    void sixtyReplaysReadToTheEndLeaveNoConnectionBehind() {
        sixtyReplays(true);
    }

    /** Closed without reading: only closing the replay's response gives its connection back. */
    @Test
    void sixtyReplaysClosedUnreadLeaveNoConnectionBehind() {
        sixtyReplays(false);
    }

    void sixtyReplays(boolean read) {
        MutableClock clock = MutableClock.startingNow();
        // Stand-ins on the same clock: the library signs its JWTs with it, and IMS checks them against its own.
        try (ImsStandIn timedIms = ImsStandIn.start().register(TEST).clock(clock);
                AemStandIn timedAem = AemStandIn.start(timedIms);
                AemEnvironment timed = AemEnvironment.builder("author").url(timedAem.url().toString())
                .credentialsFile(credentialsFile).imsUrl(timedIms.url().toString()).clientBuilder(clientBuilder())
                .clock(clock).build()) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (int i = 0; i < 60; i++) {
                    clock.advance(Duration.ofSeconds(31)); // past the limit on renewals caused by 401s
                    timedAem.enqueue(Fault.body(401, "application/json", "{\"error\":\"revoked\"}"));
                    try (Response response = timed.target().path("/content/again-" + i).request().get()) {
                        assertThat(response.getStatus()).as("call %d", i).isEqualTo(200);
                        if (read) {
                            assertThat(response.readEntity(String.class)).contains("again-" + i);
                        }
                    }
                }
            });
        }
    }

    /** Adds (not puts) a numbered trace header. */
    public static final class AddsTraceHeader implements ClientRequestFilter {
        private final AtomicInteger passes = new AtomicInteger();

        @Override
        public void filter(ClientRequestContext request) {
            request.getHeaders().add("X-Trace", "trace-" + passes.incrementAndGet());
        }
    }

    /** Adds a query parameter to the request's URI, as a signing or API-versioning filter does. */
    public static final class AddsQueryParameter implements ClientRequestFilter {
        @Override
        public void filter(ClientRequestContext request) {
            request.setUri(UriBuilder.fromUri(request.getUri()).queryParam("api-version", "2").build());
        }
    }

    /** An application data class; its content is a stream. */
    public record Upload(String name, InputStream content) {
    }

    /** The application's writer for {@link Upload}, registered on the target. */
    public static final class UploadWriter implements MessageBodyWriter<Upload> {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == Upload.class;
        }

        @Override
        public void writeTo(Upload upload, Class<?> type, Type genericType, Annotation[] annotations,
                MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
            out.write((upload.name() + ":").getBytes(StandardCharsets.UTF_8));
            upload.content().transferTo(out);
        }
    }
}

package io.github.aemclient.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.testkit.AemRequest;
import io.github.aemclient.testkit.AemStandIn;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Configurable;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.WriterInterceptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a request AEM rejects with 401 becomes, through one JAX-RS implementation's client: replayed
 * exactly as the caller sent it (headers, properties, providers of its {@code WebTarget}, the entity
 * with its generic type and annotations), its answer reaching the caller undecoded and unbuffered; or,
 * when it cannot be replayed faithfully, not replayed at all. Run for RESTEasy and for Jersey.
 */
public abstract class ReplayContract extends ReplayFixture {

    /** Registers the implementation's own gzip support (request filter and reader interceptor). */
    protected abstract <C extends Configurable<C>> C withGzip(C configurable);

    /** A multipart body with one part whose content is {@code stream}, as the implementation writes it. */
    protected abstract Entity<?> multipartWithStream(InputStream stream);

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void theReplayCarriesTheRequestsHeadersPropertiesAndTargetProvidersWithTheNewToken() {
        String[] body = new String[1];
        List<AemRequest> seen = revokeAndRecord(() -> {
            try (Response response = author.target().register(new PropertyToHeader())
                    .property(PropertyToHeader.TARGET_PROPERTY, "from-target")
                    .path("/content/page.json").request(MediaType.APPLICATION_JSON)
                    .header("X-Request-Id", "r-42")
                    .property(PropertyToHeader.REQUEST_PROPERTY, "from-request")
                    .get()) {
                assertThat(response.getStatus()).isEqualTo(200);
                body[0] = response.readEntity(String.class);
            }
        });

        assertThat(json(body[0]).getString("principal")).isEqualTo(TEST.technicalAccountId());
        assertThat(seen).extracting(AemRequest::path, AemRequest::status)
                .containsExactly(tuple("/content/page.json", 401), tuple("/content/page.json", 200));
        AemRequest rejected = seen.get(0);
        AemRequest replayed = seen.get(1);
        assertThat(replayed.bearerToken()).isPresent().isNotEqualTo(rejected.bearerToken());
        assertThat(replayed.header("X-Request-Id")).contains("r-42");
        assertThat(replayed.header("Accept")).contains(MediaType.APPLICATION_JSON);
        assertThat(rejected.header("X-Target-Property")).contains("from-target#1");
        assertThat(replayed.header("X-Target-Property")).as("the target's filter ran again").contains("from-target#2");
        assertThat(replayed.header("X-Request-Property")).contains("from-request#2");
        assertThat(replayed.headers().get("x-request-id")).as("not doubled").hasSize(1);
        assertThat(replayed.headers().get("authorization")).as("one Authorization, the new one").hasSize(1);
    }

    /**
     * The application's own response filters (default priority, as {@code @RegisterProvider} gives them) see
     * the 401, then the replay's answer once (inside the replay, which runs the target's filters again):
     * never twice on the same body.
     */
    @Test
    void theApplicationsResponseFiltersSeeTheRejectionAndTheReplaysAnswerOnce() {
        List<Integer> seenByTheApplication = new CopyOnWriteArrayList<>();
        ClientResponseFilter counting = (request, response) -> seenByTheApplication.add(response.getStatus());
        List<AemRequest> seen = revokeAndRecord(() -> {
            try (Response response = author.target().register(counting).path("/content/filtered.json")
                    .request().get()) {
                assertThat(response.getStatus()).isEqualTo(200);
            }
        });

        assertThat(seen).extracting(AemRequest::status).containsExactly(401, 200);
        assertThat(seenByTheApplication).containsExactly(401, 200);
    }

    /** A response filter of the application that throws on errors cannot keep the rejected token in use. */
    @Test
    void aResponseFilterThatThrowsOnTheRejectionDoesNotKeepTheTokenFromBeingRenewed() {
        ClientResponseFilter errorsToExceptions = (request, response) -> {
            if (response.getStatus() >= 400) {
                throw new IllegalStateException("HTTP " + response.getStatus());
            }
        };
        int exchanges = ims.successfulExchanges();
        List<AemRequest> seen = revokeAndRecord(() -> {
            assertThatThrownBy(() -> author.target().register(errorsToExceptions).path("/content/thrown.json")
                    .request().get().close()).hasRootCauseMessage("HTTP 401");
            try (Response response = author.target().register(errorsToExceptions).path("/content/next.json")
                    .request().get()) {
                assertThat(response.getStatus()).isEqualTo(200);
            }
        });

        assertThat(seen).extracting(AemRequest::path, AemRequest::status)
                .containsExactly(tuple("/content/thrown.json", 401), tuple("/content/next.json", 200));
        assertThat(ims.successfulExchanges() - exchanges).as("the rejected token was dropped and renewed").isEqualTo(1);
    }

    /**
     * A client that names a replay client (as the MicroProfile Rest Client support does): the request is
     * sent again as it went out, headers its own filters added included, through the replay client; its own
     * client's filters do not run again.
     */
    @Test
    void throughAReplayClientTheRequestIsSentAgainAsItWentOut() {
        try (Client own = author.applyTo(clientBuilder().get().build())) {
            own.property(AemAuthenticationFilter.REPLAY_CLIENT, author.client()).register(new PropertyToHeader());
            List<AemRequest> seen = revokeAndRecord(() -> {
                try (Response response = own.target(aem.url()).path("/content/as-sent.json")
                        .property(PropertyToHeader.TARGET_PROPERTY, "from-target").request(MediaType.APPLICATION_JSON)
                        .header("X-Request-Id", "r-43").header("X-Multi", "a").header("X-Multi", "b")
                        .put(Entity.text("the text"))) {
                    assertThat(response.getStatus()).isEqualTo(200);
                    assertThat(json(response.readEntity(String.class)).getString("principal"))
                            .isEqualTo(TEST.technicalAccountId());
                }
            });

            assertThat(seen).extracting(AemRequest::path, AemRequest::status)
                    .containsExactly(tuple("/content/as-sent.json", 401), tuple("/content/as-sent.json", 200));
            AemRequest replayed = seen.get(1);
            assertThat(replayed.bearerToken()).isPresent().isNotEqualTo(seen.get(0).bearerToken());
            assertThat(replayed.method()).isEqualTo("PUT");
            assertThat(replayed.body()).isEqualTo("the text");
            assertThat(replayed.header("X-Target-Property")).as("as it went out: its filter did not run again")
                    .contains("from-target#1");
            assertThat(replayed.headers().get("x-request-id")).containsExactly("r-43");
            assertThat(String.join(",", replayed.headers().get("x-multi")).replace(" ", "")).isEqualTo("a,b");
            assertThat(replayed.headers().get("authorization")).as("one Authorization, the new one").hasSize(1);
            assertThat(replayed.headers().get("content-type")).singleElement().asString().startsWith("text/plain");
            assertThat(replayed.header("Accept")).contains(MediaType.APPLICATION_JSON);
        }
    }

    /** As it went out: the body and type a filter of the request's own client put in place of the caller's. */
    @Test
    void throughAReplayClientTheBodyIsTheOneTheFiltersLeft() {
        try (Client own = author.applyTo(clientBuilder().get().build())) {
            own.property(AemAuthenticationFilter.REPLAY_CLIENT, author.client()).register((ClientRequestFilter) request ->
                    request.setEntity("{\"wrapped\":\"" + request.getEntity() + "\"}", null,
                            MediaType.APPLICATION_JSON_TYPE));
            List<AemRequest> seen = revokeAndRecord(() -> {
                try (Response response = own.target(aem.url()).path("/content/wrapped.json").request()
                        .put(Entity.text("plain"))) {
                    assertThat(response.getStatus()).isEqualTo(200);
                }
            });

            assertThat(seen).extracting(AemRequest::status).containsExactly(401, 200);
            assertThat(seen).extracting(AemRequest::body).containsOnly("{\"wrapped\":\"plain\"}");
            assertThat(seen.get(1).headers().get("content-type")).singleElement().asString()
                    .startsWith(MediaType.APPLICATION_JSON);
        }
    }

    /** A writer of the request's own client wrote the text its own way: the replay client would not. */
    @Test
    void throughAReplayClientTextTheOwnClientWritesItsOwnWayIsNotReplayed() {
        try (Client own = author.applyTo(clientBuilder().get().build())) {
            own.property(AemAuthenticationFilter.REPLAY_CLIENT, author.client()).register(new CsvWriter());
            List<AemRequest> seen = revokeAndRecord(() -> {
                try (Response response = own.target(aem.url()).path("/content/rows.csv").request()
                        .put(Entity.entity("a;b", "text/csv"))) {
                    assertThat(response.getStatus()).isEqualTo(401);
                }
            });

            assertThat(seen).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo("a,b"));
        }
    }

    /** Writes text as CSV with commas, the way an interface's own provider might. */
    @Produces("text/csv")
    public static final class CsvWriter implements MessageBodyWriter<String> {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == String.class && mediaType.isCompatible(MediaType.valueOf("text/csv"));
        }

        @Override
        public void writeTo(String text, Class<?> type, Type genericType, Annotation[] annotations,
                MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
            out.write(text.replace(';', ',').getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A writer interceptor of the request's own client (gzip, say) changed the bytes: no replay, the 401. */
    @Test
    void throughAReplayClientABodyAWriterInterceptorChangedIsNotReplayed() {
        try (Client own = author.applyTo(clientBuilder().get().build())) {
            own.property(AemAuthenticationFilter.REPLAY_CLIENT, author.client()).register((WriterInterceptor) context -> {
                context.setOutputStream(new java.io.FilterOutputStream(context.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        super.write(Character.toUpperCase(b));
                    }
                });
                context.proceed();
            });
            List<AemRequest> seen = revokeAndRecord(() -> {
                try (Response response = own.target(aem.url()).path("/content/intercepted.json").request()
                        .put(Entity.text("shout"))) {
                    assertThat(response.getStatus()).isEqualTo(401);
                }
            });

            assertThat(seen).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo("SHOUT"));
        }
    }

    /** The replay client may lack the writer of a body the request's own client wrote: no replay, the 401. */
    @Test
    void throughAReplayClientABodyOnlyTheOwnClientWritesIsNotReplayed() {
        try (Client own = author.applyTo(clientBuilder().get().build())) {
            own.property(AemAuthenticationFilter.REPLAY_CLIENT, author.client()).register(PageWriter.class);
            List<AemRequest> seen = revokeAndRecord(() -> {
                try (Response response = own.target(aem.url()).path("/content/page-as-sent").request()
                        .put(Entity.entity(new Page("Hello"), MediaType.valueOf(PageWriter.TYPE)))) {
                    assertThat(response.getStatus()).isEqualTo(401);
                }
            });

            assertThat(seen).extracting(AemRequest::status).containsExactly(401);
        }
    }

    /** Anything but a client under the property is not a replay client: the request is replayed as usual. */
    @Test
    void aReplayClientPropertyThatIsNoClientIsIgnored() {
        try (Client own = author.applyTo(clientBuilder().get().build())) {
            own.property(AemAuthenticationFilter.REPLAY_CLIENT, "not a client").register(new PropertyToHeader());
            List<AemRequest> seen = revokeAndRecord(() -> {
                try (Response response = own.target(aem.url()).path("/content/usual.json")
                        .property(PropertyToHeader.TARGET_PROPERTY, "from-target").request().get()) {
                    assertThat(response.getStatus()).isEqualTo(200);
                }
            });

            assertThat(seen).extracting(AemRequest::status).containsExactly(401, 200);
            assertThat(seen.get(1).header("X-Target-Property")).as("replayed by its own client").contains("from-target#2");
        }
    }

    @Test
    void providersAFeatureRegisteredOnTheTargetRunOnTheReplayWithoutBeingRegisteredTwice() {
        Logger root = Logger.getLogger("");
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getLoggerName() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        root.addHandler(handler);
        try {
            List<AemRequest> seen = revokeAndRecord(() -> {
                try (Response response = author.target().register(new HeaderFeature()).path("/content/featured")
                        .request().get()) {
                    assertThat(response.getStatus()).isEqualTo(200);
                }
            });

            assertThat(seen).extracting(AemRequest::status).containsExactly(401, 200);
            assertThat(seen.get(1).header("X-Feature")).contains("pass-2");
            assertThat(warnings).as("warnings logged by the JAX-RS implementation").isEmpty();
        } finally {
            root.removeHandler(handler);
        }
    }

    @Test
    void aGzipAnswerToTheReplayIsDecodedOnceByTheCallersReadEntity() {
        try (AemEnvironment zipping = AemEnvironment.builder("author").url(aem.url().toString())
                .credentialsFile(credentialsFile).imsUrl(ims.url().toString())
                .clientBuilder(() -> withGzip(clientBuilder().get())).build()) {
            zipping.target().path("/warm").request().get().close();
            assertGzipReplay(zipping.target());
        }
    }

    @Test
    void aGzipAnswerToTheReplayIsDecodedOnceWhenGzipIsRegisteredOnTheTarget() {
        assertGzipReplay(withGzip(author.target()));
    }

    void assertGzipReplay(WebTarget target) {
        String[] body = new String[1];
        List<AemRequest> seen = revokeAndRecord(() -> {
            try (Response response = target.path("/content/zipped.json").request().get()) {
                assertThat(response.getStatus()).isEqualTo(200);
                body[0] = response.readEntity(String.class);
            }
        });

        assertThat(json(body[0]).getString("path")).isEqualTo("/content/zipped.json");
        assertThat(seen).extracting(AemRequest::status).containsExactly(401, 200);
        assertThat(seen).allSatisfy(r -> assertThat(r.header("Accept-Encoding"))
                .hasValueSatisfying(v -> assertThat(v).contains("gzip")));
    }

    @Test
    void aPutOfAPojoWhoseWriterIsRegisteredOnTheTargetIsReplayedWithItsAnnotations() {
        Annotation[] annotations = {Marked.class.getAnnotation(Marker.class)};
        List<AemRequest> seen = revokeAndRecord(() -> {
            try (Response response = author.target().register(PageWriter.class).path("/content/page")
                    .request().put(Entity.entity(new Page("Hello, world"), MediaType.valueOf(PageWriter.TYPE), annotations))) {
                assertThat(response.getStatus()).isEqualTo(200);
            }
        });

        assertThat(seen).extracting(AemRequest::method, AemRequest::status, AemRequest::body).containsExactly(
                tuple("PUT", 401, "page:Hello, world;marked=true"),
                tuple("PUT", 200, "page:Hello, world;marked=true"));
        assertThat(seen.get(1).headers().get("content-type")).containsExactly(PageWriter.TYPE);
        assertThat(seen.get(1).headers().get("content-length")).as("the replay's own length, once")
                .containsExactly(Integer.toString("page:Hello, world;marked=true".length()));
    }

    @Test
    void aGenericEntityIsReplayedWithItsGenericType() {
        List<AemRequest> seen = revokeAndRecord(() -> {
            try (Response response = author.target().register(StringListWriter.class).path("/content/list")
                    .request().put(Entity.entity(new GenericEntity<List<String>>(List.of("a", "b", "c")) { },
                            MediaType.TEXT_PLAIN_TYPE))) {
                assertThat(response.getStatus()).isEqualTo(200);
            }
        });

        assertThat(seen).extracting(AemRequest::status, AemRequest::body)
                .containsExactly(tuple(401, "strings:a|b|c"), tuple(200, "strings:a|b|c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "DELETE"})
    void idempotentMethodsWithoutABodyAreReplayed(String method) {
        List<AemRequest> seen = revokeAndRecord(() -> {
            try (Response response = author.target().path("/content/m").request().method(method)) {
                assertThat(response.getStatus()).isEqualTo(200);
            }
        });

        assertThat(seen).extracting(AemRequest::method, AemRequest::status)
                .containsExactly(tuple(method, 401), tuple(method, 200));
    }

    @Test
    void aPostIsNotReplayedButTheNextRequestCarriesTheNewToken() {
        List<AemRequest> seen = revokeAndRecord(() -> {
            try (Response post = author.target().path("/content/post").request().post(Entity.text("x"))) {
                assertThat(post.getStatus()).isEqualTo(401);
            }
            try (Response next = author.target().path("/content/next").request().get()) {
                assertThat(next.getStatus()).isEqualTo(200);
            }
        });

        assertThat(seen).extracting(AemRequest::path, AemRequest::status)
                .containsExactly(tuple("/content/post", 401), tuple("/content/next", 200));
    }

    @Test
    void aStreamIsNotReplayed() {
        List<AemRequest> seen = revokeAndRecord(() -> {
            try (Response put = author.target().path("/content/stream").request().put(Entity.entity(
                    new ByteArrayInputStream("data".getBytes(StandardCharsets.UTF_8)),
                    MediaType.APPLICATION_OCTET_STREAM_TYPE))) {
                assertThat(put.getStatus()).isEqualTo(401);
            }
        });

        assertThat(seen).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo("data"));
    }

    @Test
    void aMultipartBodyHidingAStreamIsNotReplayed() {
        List<AemRequest> seen = revokeAndRecord(() -> {
            try (Response put = author.target().path("/content/multipart").request().put(multipartWithStream(
                    new ByteArrayInputStream("the file's content".getBytes(StandardCharsets.UTF_8))))) {
                assertThat(put.getStatus()).isEqualTo(401);
            }
        });

        assertThat(seen).singleElement().satisfies(r -> assertThat(r.body()).contains("the file's content"));
    }

    @Test
    void whenAemRejectsEveryToken64ConcurrentAnd10SequentialCallsCostAtMostTwoExchangesAndOneWarning()
            throws Exception {
        try (AemStandIn refusing = AemStandIn.start(ims).refuseEveryToken();
                AemEnvironment denied = AemEnvironment.builder("denied").url(refusing.url().toString())
                        .credentialsFile(credentialsFile).imsUrl(ims.url().toString())
                        .clientBuilder(clientBuilder()).build()) {
            int before = ims.successfulExchanges();
            ExecutorService pool = Executors.newFixedThreadPool(64);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    String path = "/content/concurrent-" + i;
                    statuses.add(pool.submit(() -> {
                        go.await();
                        try (Response response = denied.target().path(path).request().get()) {
                            return response.getStatus();
                        }
                    }));
                }
                go.countDown();
                for (Future<Integer> status : statuses) {
                    assertThat(status.get(30, TimeUnit.SECONDS)).as("AEM's answer reaches the caller").isEqualTo(401);
                }
            } finally {
                pool.shutdownNow();
            }
            for (int i = 0; i < 10; i++) {
                try (Response response = denied.target().path("/content/sequential-" + i).request().get()) {
                    assertThat(response.getStatus()).isEqualTo(401);
                }
            }

            assertThat(ims.successfulExchanges() - before).as("IMS exchanges").isLessThanOrEqualTo(2);
            assertThat(refusing.requests()).as("each call at most replayed once").hasSizeLessThanOrEqualTo(2 * 64 + 10);
            assertThat(refusing.requests().stream().filter(r -> r.path().startsWith("/content/sequential-")))
                    .as("no replay once renewals are held back").hasSize(10);
            assertThat(logs.messages(Level.WARNING)).filteredOn(m -> m.contains("'denied'")).singleElement()
                    .asString().contains("the credentials may not be authorized for this AEM environment");
        }
    }

    /**
     * Copies a target property and a request property into headers, numbered by pass: shows that the filter
     * itself ran on the replay (not only that its headers were copied) and that both properties reached it.
     */
    public static final class PropertyToHeader implements ClientRequestFilter {
        static final String TARGET_PROPERTY = "test.target-property";
        static final String REQUEST_PROPERTY = "test.request-property";
        private final AtomicInteger passes = new AtomicInteger();

        @Override
        public void filter(ClientRequestContext request) {
            int pass = passes.incrementAndGet();
            Object target = request.getConfiguration().getProperty(TARGET_PROPERTY);
            Object own = request.getProperty(REQUEST_PROPERTY);
            request.getHeaders().putSingle("X-Target-Property", target + "#" + pass);
            request.getHeaders().putSingle("X-Request-Property", own + "#" + pass);
        }
    }

    /** A feature that registers a filter numbering its passes in a header. */
    public static final class HeaderFeature implements Feature {
        private final AtomicInteger passes = new AtomicInteger();

        @Override
        public boolean configure(FeatureContext context) {
            context.register((ClientRequestFilter) request ->
                    request.getHeaders().putSingle("X-Feature", "pass-" + passes.incrementAndGet()));
            return true;
        }
    }

    public record Page(String title) {
    }

    @Retention(RetentionPolicy.RUNTIME)
    public @interface Marker {
    }

    @Marker
    static final class Marked {
    }

    /** Registered on a target only: the client itself cannot write a {@link Page}. */
    @Produces(PageWriter.TYPE)
    public static final class PageWriter implements MessageBodyWriter<Page> {
        static final String TYPE = "application/vnd.test.page";

        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == Page.class;
        }

        @Override
        public void writeTo(Page page, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
            boolean marked = Arrays.stream(annotations).anyMatch(a -> a.annotationType() == Marker.class);
            out.write(("page:" + page.title() + ";marked=" + marked).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes only what is declared as {@code List<String>}: a lost generic type finds no writer. */
    @Produces(MediaType.TEXT_PLAIN)
    public static final class StringListWriter implements MessageBodyWriter<List<String>> {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return List.class.isAssignableFrom(type) && genericType instanceof ParameterizedType parameterized
                    && parameterized.getActualTypeArguments()[0] == String.class;
        }

        @Override
        public void writeTo(List<String> strings, Class<?> type, Type genericType, Annotation[] annotations,
                MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
            out.write(("strings:" + String.join("|", strings)).getBytes(StandardCharsets.UTF_8));
        }
    }
}

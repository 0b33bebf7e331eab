package io.github.aemclient.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The snapshot a replay starts from is recorded on every idempotent request in its smallest form; whatever
 * the form, what the replay reads back is the request as it was.
 */
class RequestSnapshotTest {

    static final URI AEM = URI.create("https://author.example.com/content/a.json");

    @Test
    void aRequestWithoutHeadersOrEntityIsRecordedAsItsUriAlone() {
        Request request = new Request("GET", AEM);

        new RequestSnapshot.Filter().filter(request.context());

        assertThat(request.properties.get(RequestSnapshot.PROPERTY)).isSameAs(AEM);
        RequestSnapshot read = RequestSnapshot.of(request.context(), AEM);
        assertThat(read.uri()).isSameAs(AEM);
        assertThat(headersOf(read)).isEmpty();
        assertThat(read.entity()).isNull();
    }

    @Test
    void anAuthorizationHeaderInAnySpellingIsLeftOutAndAloneNeedsNoMore() {
        Request request = new Request("GET", AEM);
        request.headers.add("Authorization", "Bearer old");
        new RequestSnapshot.Filter().filter(request.context());
        assertThat(request.properties.get(RequestSnapshot.PROPERTY)).isSameAs(AEM);

        request.headers.clear();
        request.headers.add("authorization", "Basic x");
        request.headers.add("Accept", "application/json");
        new RequestSnapshot.Filter().filter(request.context());
        assertThat(headersOf(RequestSnapshot.of(request.context(), request.properties.get(RequestSnapshot.PROPERTY))))
                .containsExactly(Map.entry("Accept", List.of("application/json")));
    }

    @Test
    void headersAreCopiedWithEveryValueSoFiltersRunningLaterChangeNothingRecorded() {
        Request request = new Request("PUT", AEM);
        request.headers.add("Accept", MediaType.APPLICATION_JSON_TYPE);
        request.headers.addAll("X-Several", "a", "b", "c");
        request.headers.put("X-None", new ArrayList<>());
        request.headers.add("X-Number", 42);

        new RequestSnapshot.Filter().filter(request.context());
        request.headers.add("X-Several", "added-by-a-filter");
        request.headers.putSingle("Accept", "text/plain");
        request.headers.add("X-Trace", "t-1");

        Map<String, List<Object>> read = headersOf(RequestSnapshot.of(request.context(),
                request.properties.get(RequestSnapshot.PROPERTY)));
        assertThat(read).containsOnly(Map.entry("Accept", List.of(MediaType.APPLICATION_JSON_TYPE)),
                Map.entry("X-Several", List.of("a", "b", "c")), Map.entry("X-None", List.of()),
                Map.entry("X-Number", List.of(42)));
    }

    @Test
    void aRequestWithAnEntityKeepsItWithItsTypeAnnotationsAndMediaType() {
        Request request = new Request("PUT", AEM);
        request.headers.add("If-Match", "\"v1\"");
        request.entity = "{\"title\":\"x\"}";
        request.mediaType = MediaType.APPLICATION_JSON_TYPE;
        request.annotations = new Annotation[0];

        new RequestSnapshot.Filter().filter(request.context());
        request.entity = "changed by a filter";

        RequestSnapshot read = RequestSnapshot.of(request.context(), request.properties.get(RequestSnapshot.PROPERTY));
        assertThat(read.entity()).isEqualTo("{\"title\":\"x\"}");
        assertThat(read.entityType()).isEqualTo(String.class);
        assertThat(read.mediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(read.entityAnnotations()).isSameAs(request.annotations);
        assertThat(headersOf(read)).containsExactly(Map.entry("If-Match", List.of("\"v1\"")));
    }

    @Test
    void aPostIsNotRecorded() {
        Request request = new Request("POST", AEM);

        new RequestSnapshot.Filter().filter(request.context());

        assertThat(request.properties).isEmpty();
    }

    @Test
    void withoutARecordingTheRequestIsReadAsItIsNow() {
        Request request = new Request("GET", AEM);
        request.headers.add("Accept", "application/json");
        request.headers.add("Authorization", "Bearer current");

        RequestSnapshot read = RequestSnapshot.of(request.context(), null);

        assertThat(read.uri()).isSameAs(AEM);
        assertThat(headersOf(read)).containsExactly(Map.entry("Accept", List.of("application/json")));
    }

    /**
     * The recording lives in a request property any filter of the application can overwrite: whatever it
     * finds there that the library did not record (an empty array, another type) is ignored and the request
     * read as it is now, never an exception.
     */
    @Test
    void aRecordingSomethingElseOverwroteIsIgnored() {
        Request request = new Request("GET", AEM);
        request.headers.add("Accept", "application/json");

        for (Object overwritten : new Object[] {new Object[0], new Object[] {"not a URI"}, "a string"}) {
            RequestSnapshot read = RequestSnapshot.of(request.context(), overwritten);

            assertThat(read.uri()).isSameAs(AEM);
            assertThat(headersOf(read)).containsExactly(Map.entry("Accept", List.of("application/json")));
        }
    }

    private static Map<String, List<Object>> headersOf(RequestSnapshot snapshot) {
        Map<String, List<Object>> headers = new LinkedHashMap<>();
        snapshot.forEachHeader((name, values) -> headers.put(name, List.of(values)));
        return headers;
    }

    /** A request context with what the snapshot reads; anything else it is asked is a test failure. */
    private static final class Request {
        final String method;
        final URI uri;
        final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        final Map<String, Object> properties = new HashMap<>();
        Object entity;
        MediaType mediaType;
        Annotation[] annotations;

        Request(String method, URI uri) {
            this.method = method;
            this.uri = uri;
        }

        ClientRequestContext context() {
            return (ClientRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ClientRequestContext.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getUri" -> uri;
                        case "getHeaders" -> headers;
                        case "hasEntity" -> entity != null;
                        case "getEntity" -> entity;
                        case "getEntityType" -> entity == null ? null : entity.getClass();
                        case "getEntityAnnotations" -> annotations;
                        case "getMediaType" -> mediaType;
                        case "getProperty" -> properties.get((String) args[0]);
                        case "setProperty" -> properties.put((String) args[0], args[1]);
                        default -> throw new AssertionError("not expected: " + m);
                    });
        }
    }
}

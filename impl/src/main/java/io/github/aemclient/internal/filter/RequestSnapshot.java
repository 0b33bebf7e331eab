package io.github.aemclient.internal.filter;

import jakarta.annotation.Priority;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A request to AEM as the application built it, before any request filter ran: what a replay through the
 * request's own client sends, so that filters running again on the replay (adding a trace header, signing
 * the query string) produce what they produced the first time, not their work twice over. (A replay
 * through a replay client sends the request as it went out instead: see {@link Replay}.)
 *
 * @param headers name, value, name, value...: a header with several values has them as one {@link Values}
 */
record RequestSnapshot(URI uri, Object[] headers, Object entity, Type entityType,
        Annotation[] entityAnnotations, MediaType mediaType) {

    static final String PROPERTY = "io.github.aemclient.request-snapshot";
    /** Request filters run in ascending priority: this one runs before any the application registers. */
    static final int FIRST = Integer.MIN_VALUE / 2;
    private static final Object[] NO_HEADERS = {};

    /**
     * What the filter records, taken on every idempotent request and read only after a 401, so it is
     * recorded in the smallest form that keeps everything: the URI alone when the request has no headers
     * and no entity (nothing allocated); {@code [uri, name, value, name, value...]} when it has headers
     * but no entity (one array); a snapshot only for a request with an entity. Values are copied (filters
     * add to the lists); the rest is kept by reference (URIs are immutable, and a filter that changes the
     * entity sets a new one). {@code Authorization} is left out: a replay never sends it, the new token
     * comes from the filter.
     */
    static Object capture(ClientRequestContext request) {
        URI uri = request.getUri();
        boolean entity = request.hasEntity();
        Object[] headers = headersOf(request.getHeaders(), entity ? 0 : 1);
        if (entity) {
            return new RequestSnapshot(uri, headers, request.getEntity(), request.getEntityType(),
                    request.getEntityAnnotations(), request.getMediaType());
        }
        if (headers == NO_HEADERS) {
            return uri;
        }
        headers[0] = uri;
        return headers;
    }

    /** The snapshot {@link #capture} recorded, or the request as it is now when it recorded none. */
    static RequestSnapshot of(ClientRequestContext request, Object captured) {
        if (captured instanceof RequestSnapshot snapshot) {
            return snapshot;
        }
        if (captured instanceof URI uri) {
            return new RequestSnapshot(uri, NO_HEADERS, null, null, null, null);
        }
        if (captured instanceof Object[] flat && flat.length > 0 && flat[0] instanceof URI uri) {
            Object[] headers = new Object[flat.length - 1];
            System.arraycopy(flat, 1, headers, 0, headers.length);
            return new RequestSnapshot(uri, headers, null, null, null, null);
        }
        Object now = capture(request);
        return now instanceof RequestSnapshot snapshot ? snapshot : of(request, now);
    }

    /**
     * The headers as a flat array of name, value... after {@code offset} free slots; {@link #NO_HEADERS}
     * when there are none to keep. One pass over the map, as it runs on every request: the array is
     * allocated at the first header kept, sized for all, and trimmed only if {@code Authorization} was
     * among them (which the application rarely sets itself).
     */
    private static Object[] headersOf(MultivaluedMap<String, Object> current, int offset) {
        int size = current.size();
        if (size == 0) {
            return NO_HEADERS;
        }
        Object[] headers = null;
        int i = offset;
        for (Map.Entry<String, List<Object>> header : current.entrySet()) {
            String name = header.getKey();
            if (!HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)) {
                if (headers == null) {
                    headers = new Object[offset + 2 * size];
                }
                headers[i++] = name;
                headers[i++] = valueOf(header.getValue());
            }
        }
        if (headers == null) {
            return NO_HEADERS;
        }
        return i == headers.length ? headers : Arrays.copyOf(headers, i);
    }

    /** A header's one value as it is, or its values (none or several) copied into a {@link Values}. */
    private static Object valueOf(List<Object> values) {
        return values.size() == 1 ? values.get(0) : new Values(values.toArray());
    }

    /** Calls {@code action} with each header's name and values, as they were. */
    void forEachHeader(BiConsumer<String, Object[]> action) {
        for (int i = 0; i < headers.length; i += 2) {
            Object value = headers[i + 1];
            action.accept((String) headers[i], value instanceof Values several ? several.values : new Object[] {value});
        }
    }

    /** The values of a header that had none or several: a marker no header value can be mistaken for. */
    private record Values(Object[] values) {
    }

    /** Takes the snapshot of requests that could be replayed: idempotent ones. */
    @Priority(FIRST)
    static final class Filter implements ClientRequestFilter {

        /**
         * Only the method is checked: the URI may still change (a filter may route it), and the origin is
         * checked where it counts, when credentials are added and when a 401 is handled.
         */
        @Override
        public void filter(ClientRequestContext request) {
            if (Replay.isIdempotent(request.getMethod())) {
                request.setProperty(PROPERTY, capture(request));
            }
        }
    }
}

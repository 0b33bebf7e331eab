package io.github.aemclient.internal.filter;

import jakarta.annotation.Priority;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A request to AEM as the application built it, before any request filter ran: what a replay sends, so
 * that filters running again on the replay (adding a trace header, signing the query string) produce what
 * they produced the first time, not their work twice over.
 */
record RequestSnapshot(URI uri, Object[] headers, Object entity, Type entityType,
        Annotation[] entityAnnotations, MediaType mediaType) {

    static final String PROPERTY = "io.github.aemclient.request-snapshot";
    /** Request filters run in ascending priority: this one runs before any the application registers. */
    static final int FIRST = Integer.MIN_VALUE / 2;

    /**
     * Taken on every idempotent request, so kept small: the headers as one flat array of name, values,
     * name, values... (values copied: filters add to the lists), the rest by reference (URIs are immutable,
     * and a filter that changes the entity sets a new one).
     */
    static RequestSnapshot of(ClientRequestContext request) {
        MultivaluedMap<String, Object> current = request.getHeaders();
        Object[] headers = new Object[current.size() * 2];
        int i = 0;
        for (Map.Entry<String, List<Object>> header : current.entrySet()) {
            headers[i++] = header.getKey();
            headers[i++] = header.getValue().toArray();
        }
        boolean entity = request.hasEntity();
        return new RequestSnapshot(request.getUri(), headers, entity ? request.getEntity() : null,
                entity ? request.getEntityType() : null, entity ? request.getEntityAnnotations() : null,
                entity ? request.getMediaType() : null);
    }

    /** Calls {@code action} with each header's name and values, as they were. */
    void forEachHeader(BiConsumer<String, Object[]> action) {
        for (int i = 0; i < headers.length; i += 2) {
            action.accept((String) headers[i], (Object[]) headers[i + 1]);
        }
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
                request.setProperty(PROPERTY, of(request));
            }
        }
    }
}

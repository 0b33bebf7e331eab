package io.github.aemclient.filter;

import jakarta.annotation.Priority;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request to AEM as the application built it, before any request filter ran: what a replay sends, so
 * that filters running again on the replay (adding a trace header, signing the query string) produce what
 * they produced the first time, not their work twice over.
 */
record RequestSnapshot(URI uri, Map<String, List<Object>> headers, Object entity, Type entityType,
        Annotation[] entityAnnotations, MediaType mediaType) {

    static final String PROPERTY = "io.github.aemclient.request-snapshot";
    /** Request filters run in ascending priority: this one runs before any the application registers. */
    static final int FIRST = Integer.MIN_VALUE / 2;

    static RequestSnapshot of(ClientRequestContext request) {
        Map<String, List<Object>> headers = new HashMap<>(request.getHeaders().size() * 2);
        request.getHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        return new RequestSnapshot(request.getUri(), headers, request.getEntity(),
                request.hasEntity() ? request.getEntityType() : null,
                request.hasEntity() ? request.getEntityAnnotations() : null, request.getMediaType());
    }

    /** Takes the snapshot of requests that could be replayed: idempotent ones to AEM's origin. */
    @Priority(FIRST)
    static final class Filter implements ClientRequestFilter {
        private final Origin aemOrigin;

        Filter(Origin aemOrigin) {
            this.aemOrigin = Objects.requireNonNull(aemOrigin);
        }

        @Override
        public void filter(ClientRequestContext request) {
            if (Replay.isIdempotent(request.getMethod()) && aemOrigin.matches(request.getUri())
                    && !Replay.isReplay(request)) {
                request.setProperty(PROPERTY, of(request));
            }
        }
    }
}

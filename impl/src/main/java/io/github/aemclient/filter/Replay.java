package io.github.aemclient.filter;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends a request AEM rejected with 401 once more, with a new token, and puts the answer in place of
 * the rejected one. A request filter cannot rewind a request, so this runs in the response filter: the
 * same client sends a copy of the request (headers, method, entity) marked as a replay, which passes
 * the request filter again and so carries the new token; its status, headers and (buffered) body
 * replace the 401's. Only idempotent methods are replayed, and only when the entity can be sent twice.
 */
final class Replay {

    static final String REPLAYED_PROPERTY = "io.github.aemclient.replayed";
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private Replay() {
    }

    static boolean isAllowed(ClientRequestContext request) {
        if (request.getProperty(REPLAYED_PROPERTY) != null || !IDEMPOTENT.contains(request.getMethod())) {
            return false;
        }
        Object entity = request.getEntity();
        // Streams are consumed by the first send.
        return !(entity instanceof InputStream || entity instanceof Reader || entity instanceof StreamingOutput);
    }

    static void into(ClientRequestContext request, ClientResponseContext response) throws IOException {
        Invocation.Builder copy = request.getClient().target(request.getUri()).request()
                .property(REPLAYED_PROPERTY, Boolean.TRUE);
        for (Map.Entry<String, List<Object>> header : request.getHeaders().entrySet()) {
            if (!HttpHeaders.AUTHORIZATION.equalsIgnoreCase(header.getKey())
                    && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(header.getKey())) {
                for (Object value : header.getValue()) {
                    copy.header(header.getKey(), value);
                }
            }
        }
        discard(response);
        try (Response replayed = request.hasEntity()
                ? copy.method(request.getMethod(), Entity.entity(request.getEntity(), request.getMediaType()))
                : copy.method(request.getMethod())) {
            byte[] body = replayed.hasEntity() ? replayed.readEntity(byte[].class) : new byte[0];
            response.setStatus(replayed.getStatus());
            response.getHeaders().clear();
            for (Map.Entry<String, List<String>> header : replayed.getStringHeaders().entrySet()) {
                response.getHeaders().put(header.getKey(), new ArrayList<>(header.getValue()));
            }
            response.setEntityStream(new ByteArrayInputStream(body));
        }
    }

    /**
     * Reads the 401's body to its end, so its connection can be reused. Not closed: some clients
     * (RESTEasy) then consider the whole response closed, replaced entity included.
     */
    private static void discard(ClientResponseContext response) {
        if (response.hasEntity()) {
            try {
                response.getEntityStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}

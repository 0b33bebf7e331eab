package io.github.aemclient.internal.filter;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.WriterInterceptor;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sends a request AEM rejected with 401 once more, with a new token, and puts the answer in place of
 * the rejected one. A request filter cannot rewind a request, so this runs in the response filter: the
 * same client sends a copy of the request marked as a replay, which passes the request filter again and
 * so carries the new token.
 *
 * <p>The copy is faithful or not sent: it has the request's method, headers, properties and the providers
 * and properties registered on its {@code WebTarget} (which the client does not know), and its entity
 * with its generic type and annotations; only idempotent methods are replayed, and only entities that
 * can be written twice ({@link RepeatableEntities}).
 *
 * <p>A client that names a replay client ({@link AemAuthenticationFilter#REPLAY_CLIENT}: a MicroProfile
 * Rest Client, which sends only what its proxy built) has its request sent again as it went out, through
 * that client instead: the URI, the headers every filter gave it and the body as the filters left it; no
 * property, provider or filter of its own client takes part. Only bodies any client writes the same
 * (text, bytes, forms) and that no writer interceptor changed are sent again this way.
 *
 * <p>The replay's answer reaches the caller as it came
 * off the wire: status, headers and the undecoded body stream, so reader interceptors (gzip, say) run
 * once, in the caller's {@code readEntity}, and a large body is streamed, never buffered.
 */
final class Replay {

    static final String REPLAYED_PROPERTY = "io.github.aemclient.replayed";
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    /** AEM's 401 bodies are a few hundred bytes; reading more than this would be reading something else. */
    static final int MAX_DISCARDED_BYTES = 64 * 1024;
    /** Bodies every JAX-RS client writes with its built-in providers (JAX-RS 3.1, section 4.2.4). */
    private static final Set<Class<?>> WRITTEN_BY_ANY_CLIENT = Set.of(String.class, byte[].class, Form.class);
    /** Packages whose providers every client of a JAX-RS implementation has: its own, and JSON-B/JSON-P's. */
    private static final List<String> IMPLEMENTATION_PACKAGES = Stream.concat(
            RepeatableEntities.JAX_RS_IMPLEMENTATIONS.stream(), Stream.of("org.eclipse.yasson.", "org.eclipse.parsson."))
            .toList();

    private Replay() {
    }

    static boolean isReplay(ClientRequestContext request) {
        return request.getProperty(REPLAYED_PROPERTY) != null;
    }

    static boolean isIdempotent(String method) {
        // Asked on every request: most are GETs, and the runtime's method name is usually the constant itself.
        return "GET".equals(method) || IDEMPOTENT.contains(method);
    }

    static boolean isAllowed(ClientRequestContext request) {
        if (isReplay(request) || !isIdempotent(request.getMethod())
                || Boolean.FALSE.equals(request.getConfiguration().getProperty(AemAuthenticationFilter.REPLAY))) {
            return false;
        }
        Client via = replayClientOf(request);
        if (via != null) {
            return isResendableAsSent(request, via);
        }
        RequestSnapshot sent = snapshotOf(request);
        return sent.entity() == null || RepeatableEntities.isRepeatable(sent.entity());
    }

    /**
     * Whether the replay client can send the body as it went out: one any client writes with its built-in
     * providers, and written by no writer or writer interceptor of the request's own client that the
     * replay client lacks (a {@code MessageBodyWriter<String>} of the interface's own, a gzip interceptor:
     * the replay would send other bytes). Those both have (the implementation registers some in every
     * client) write the same on both.
     */
    private static boolean isResendableAsSent(ClientRequestContext request, Client via) {
        if (!request.hasEntity()) {
            return true;
        }
        Configuration own = request.getConfiguration();
        Configuration replays = via.getConfiguration();
        Class<?> body = request.getEntity().getClass();
        Set<Class<?>> writers = registered(own, MessageBodyWriter.class);
        writers.removeIf(writer -> !mayWrite(writer, body));
        return WRITTEN_BY_ANY_CLIENT.contains(body)
                && request.getHeaderString(HttpHeaders.CONTENT_ENCODING) == null
                && registered(replays, WriterInterceptor.class).containsAll(registered(own, WriterInterceptor.class))
                && registered(replays, MessageBodyWriter.class).containsAll(writers);
    }

    /**
     * Whether a {@code MessageBodyWriter} class may write bodies of this class, by the type it declares
     * ({@code MessageBodyWriter<Note>} writes no {@code String}); undeclared or unresolved: it may.
     */
    static boolean mayWrite(Class<?> writer, Class<?> body) {
        for (Class<?> type = writer; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Type declared : type.getGenericInterfaces()) {
                if (declared instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == MessageBodyWriter.class) {
                    Type written = parameterized.getActualTypeArguments()[0];
                    Class<?> raw = written instanceof Class<?> plain ? plain
                            : written instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> c
                                    ? c : null;
                    return raw == null || raw.isAssignableFrom(body);
                }
            }
        }
        return true;
    }

    /**
     * The classes of the application's providers registered for {@code contract}, by class or as instances.
     * The JAX-RS implementation's own are left out: it registers them in every client, some only once the
     * client has sent a request (Jersey's auto-discovered JSON features), so the replay client's
     * configuration may not list them yet; they write the same in both.
     */
    private static Set<Class<?>> registered(Configuration configuration, Class<?> contract) {
        Set<Class<?>> providers = new HashSet<>();
        for (Class<?> type : configuration.getClasses()) {
            if (contract.isAssignableFrom(type) && !isImplementations(type)) {
                providers.add(type);
            }
        }
        for (Object instance : configuration.getInstances()) {
            if (contract.isInstance(instance) && !isImplementations(instance.getClass())) {
                providers.add(instance.getClass());
            }
        }
        return providers;
    }

    private static boolean isImplementations(Class<?> provider) {
        String name = provider.getName();
        return IMPLEMENTATION_PACKAGES.stream().anyMatch(name::startsWith);
    }

    /** Whether the request's client named a replay client to send its replays. */
    static boolean isThroughReplayClient(ClientRequestContext request) {
        return replayClientOf(request) != null;
    }

    /** The client to replay through instead of the request's own, if its client named one. */
    private static Client replayClientOf(ClientRequestContext request) {
        return request.getConfiguration().getProperty(AemAuthenticationFilter.REPLAY_CLIENT) instanceof Client via
                ? via : null;
    }

    /**
     * The request before its filters ran, as the snapshot filter recorded it; for a client that has only
     * the authentication filter (an application's own client), the request as it is now.
     */
    private static RequestSnapshot snapshotOf(ClientRequestContext request) {
        return RequestSnapshot.of(request, request.getProperty(RequestSnapshot.PROPERTY));
    }

    static void into(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (!drain(response)) {
            return;
        }
        Capture capture = new Capture();
        Client via = replayClientOf(request);
        Invocation.Builder copy;
        Entity<?> entity;
        if (via != null) {
            copy = asSent(request, via, capture);
            entity = request.hasEntity() ? entityAsSent(request) : null;
        } else {
            RequestSnapshot sent = snapshotOf(request);
            copy = copyOf(request, sent, capture);
            entity = sent.entity() != null ? entityOf(sent) : null;
        }
        Response replayed = entity != null ? copy.method(request.getMethod(), entity) : copy.method(request.getMethod());
        try {
            response.setStatus(replayed.getStatus());
            response.getHeaders().clear();
            for (Map.Entry<String, List<String>> header : replayed.getStringHeaders().entrySet()) {
                response.getHeaders().put(header.getKey(), new ArrayList<>(header.getValue()));
            }
            ClientResponseContext wire = capture.response;
            if (wire != null && wire.hasEntity()) {
                response.setEntityStream(new ReplayedBody(wire.getEntityStream(), replayed));
            } else {
                replayed.close();
                response.setEntityStream(InputStream.nullInputStream());
            }
        } catch (RuntimeException | Error e) {
            replayed.close();
            throw e;
        }
    }

    /**
     * The request's client, aimed at its URI, with what the request's configuration has beyond the client's:
     * the providers and properties registered on the {@code WebTarget} or the {@code Invocation.Builder}.
     */
    private static Invocation.Builder copyOf(ClientRequestContext request, RequestSnapshot sent, Capture capture) {
        Client client = request.getClient();
        Configuration own = request.getConfiguration();
        Configuration clients = client.getConfiguration();
        WebTarget target = client.target(sent.uri());
        // Features are left out: what they registered is in the configuration already, and configuring them
        // again would register it twice (and make the implementation warn about it at every replay).
        for (Object provider : own.getInstances()) {
            if (!clients.isRegistered(provider) && !(provider instanceof Feature)) {
                register(target, provider, own.getContracts(provider.getClass()));
            }
        }
        for (Class<?> provider : own.getClasses()) {
            if (!clients.isRegistered(provider) && !Feature.class.isAssignableFrom(provider)) {
                register(target, provider, own.getContracts(provider));
            }
        }
        for (Map.Entry<String, Object> property : own.getProperties().entrySet()) {
            if (!Objects.equals(clients.getProperty(property.getKey()), property.getValue())) {
                target.property(property.getKey(), property.getValue());
            }
        }
        target.register(capture);
        Invocation.Builder copy = target.request();
        for (String name : request.getPropertyNames()) {
            if (!RequestSnapshot.PROPERTY.equals(name)) {
                copy.property(name, request.getProperty(name));
            }
        }
        copy.property(REPLAYED_PROPERTY, Boolean.TRUE);
        sent.forEachHeader((name, values) -> {
            if (isResent(name, sent.entity() != null)) {
                for (Object value : values) {
                    copy.header(name, value);
                }
            }
        });
        return copy;
    }

    /**
     * The request as it went out (its URI and the headers every filter gave it), to be sent through
     * {@code via}, whose filters give it a current token; nothing of the request's own client is used.
     */
    private static Invocation.Builder asSent(ClientRequestContext request, Client via, Capture capture) {
        Invocation.Builder copy = via.target(request.getUri()).register(capture).request();
        copy.property(REPLAYED_PROPERTY, Boolean.TRUE);
        for (Map.Entry<String, List<String>> header : request.getStringHeaders().entrySet()) {
            String name = header.getKey();
            if (isResent(name, request.hasEntity())) {
                for (String value : header.getValue()) {
                    copy.header(name, value);
                }
            }
        }
        return copy;
    }

    /** The body as it went out, after the request's filters: {@link #isResendableAsSent} allowed its kind. */
    private static Entity<?> entityAsSent(ClientRequestContext request) {
        MediaType mediaType = Objects.requireNonNullElse(request.getMediaType(), MediaType.APPLICATION_OCTET_STREAM_TYPE);
        return Entity.entity(request.getEntity(), mediaType, request.getEntityAnnotations());
    }

    /** The new token comes from the request filter; the entity brings its own type and length. */
    private static boolean isResent(String header, boolean withEntity) {
        return !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(header) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(header)
                && !(withEntity && HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(header));
    }

    private static void register(WebTarget target, Object provider, Map<Class<?>, Integer> contracts) {
        // An empty map would mean "for no contract": the implementation works the contracts out again.
        if (provider instanceof Class<?> type) {
            if (contracts.isEmpty()) {
                target.register(type);
            } else {
                target.register(type, contracts);
            }
        } else if (contracts.isEmpty()) {
            target.register(provider);
        } else {
            target.register(provider, contracts);
        }
    }

    private static Entity<?> entityOf(RequestSnapshot sent) {
        Object body = sent.entity();
        Type type = sent.entityType();
        Object entity = type == null || type.equals(body.getClass()) ? body : new GenericEntity<>(body, type);
        MediaType mediaType = Objects.requireNonNullElse(sent.mediaType(), MediaType.APPLICATION_OCTET_STREAM_TYPE);
        return Entity.entity(entity, mediaType, sent.entityAnnotations());
    }

    /**
     * Reads the 401's body to its end, so its connection can be reused, and says whether it could. A body
     * longer than any 401 needs (a misbehaving proxy, one that never ends) is not read further: it is put
     * back as it was, what was read in front of the rest, and the 401 goes to the caller unreplayed (closing
     * it instead would hang some clients, which read a body to its end before giving its connection up).
     */
    static boolean drain(ClientResponseContext response) {
        if (!response.hasEntity()) {
            return true;
        }
        InputStream body = response.getEntityStream();
        try {
            byte[] read = body.readNBytes(MAX_DISCARDED_BYTES + 1);
            if (read.length <= MAX_DISCARDED_BYTES) {
                return true;
            }
            response.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(read), body));
            return false;
        } catch (IOException e) {
            return true; // the connection is gone; nothing is left to give back
        }
    }

    /** Remembers the replay's response as the client received it, before any {@code readEntity}. */
    static final class Capture implements ClientResponseFilter {
        volatile ClientResponseContext response;

        @Override
        public void filter(ClientRequestContext request, ClientResponseContext response) {
            this.response = response;
        }
    }

    /**
     * The replay's body, handed to the caller; closing it closes the replay's response. Holding the response
     * also keeps it reachable while the caller reads: some clients close a response when it is collected.
     */
    private static final class ReplayedBody extends FilterInputStream {
        private final Response replayed;

        ReplayedBody(InputStream wire, Response replayed) {
            super(wire);
            this.replayed = replayed;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                replayed.close();
            }
        }
    }
}

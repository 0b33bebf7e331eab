package io.github.aemclient.testkit;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * A stand-in for an AEM environment on 127.0.0.1: it accepts only bearer tokens that its
 * {@link ImsStandIn} issued and that have neither expired nor been revoked (or, when configured, basic
 * auth users and anonymous calls, like a local AEM SDK), and answers 401 otherwise. Every path answers
 * {@code 200 {"path":...,"method":...,"principal":...}} — gzip-compressed, with
 * {@code Content-Encoding: gzip}, when the request's {@code Accept-Encoding} allows it, as AEM's CDN does —
 * except these:
 * <ul>
 * <li>{@code /testkit/redirect?to=URL} answers 302 to {@code URL};</li>
 * <li>{@code /testkit/bytes/N} streams {@code N} bytes of {@code application/octet-stream} (byte {@code i}
 * is {@code i % 251}), chunked, without holding them in memory: a large download.</li>
 * </ul>
 *
 * <p>Thread-safe: it may be configured and inspected from a test thread while it serves. Every request is
 * recorded (see {@link #requests()}) before it is answered. Close it when done.
 */
public final class AemStandIn extends StandInServer {

    private final ImsStandIn ims;
    private final Map<String, String> basicUsers = new ConcurrentHashMap<>();
    private final List<AemRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean anonymous;
    private volatile boolean refuseTokens;
    private volatile boolean requireApiKey;

    private AemStandIn(int port, ImsStandIn ims, TestTls tls) {
        super(port, "aem-stand-in", tls);
        this.ims = ims;
    }

    /**
     * {@return a started AEM as a Cloud Service environment serving HTTPS on a free loopback port}
     *
     * @param ims the IMS whose tokens it accepts
     * @param tls the server identity; clients trust it only through a trust store holding its certificate
     */
    public static AemStandIn start(ImsStandIn ims, TestTls tls) {
        return new AemStandIn(0, Objects.requireNonNull(ims), Objects.requireNonNull(tls));
    }

    /**
     * {@return a started AEM as a Cloud Service environment on a free loopback port}
     *
     * @param ims the IMS whose tokens it accepts
     * @throws NullPointerException when {@code ims} is null
     * @throws java.io.UncheckedIOException when no server can be started
     */
    public static AemStandIn start(ImsStandIn ims) {
        return new AemStandIn(0, Objects.requireNonNull(ims), null);
    }

    /**
     * {@return a started AEM as a Cloud Service environment on a given loopback port}
     *
     * @param port the port on 127.0.0.1, or 0 for a free one
     * @param ims the IMS whose tokens it accepts; null accepts no bearer token at all
     * @throws java.io.UncheckedIOException when the port is taken
     */
    public static AemStandIn start(int port, ImsStandIn ims) {
        return new AemStandIn(port, ims, null);
    }

    /**
     * {@return a started local AEM SDK on a free loopback port} No IMS: basic auth users and/or anonymous
     * access only, none until configured.
     *
     * @throws java.io.UncheckedIOException when no server can be started
     */
    public static AemStandIn startLocalSdk() {
        return new AemStandIn(0, null, null);
    }

    /**
     * {@return a started local AEM SDK on a given loopback port} For a port a server was configured with
     * beforehand, say.
     *
     * @param port the port on 127.0.0.1, or 0 for a free one
     * @throws java.io.UncheckedIOException when the port is taken
     */
    public static AemStandIn startLocalSdk(int port) {
        return new AemStandIn(port, null, null);
    }

    /**
     * Accepts HTTP basic authentication as this user, replacing the user's previous password.
     *
     * @param username the user name
     * @param password the password
     * @return this stand-in
     */
    public AemStandIn withBasicUser(String username, String password) {
        basicUsers.put(username, password);
        return this;
    }

    /**
     * Answers requests without an {@code Authorization} header, as the principal {@code anonymous}.
     *
     * @return this stand-in
     */
    public AemStandIn allowAnonymous() {
        this.anonymous = true;
        return this;
    }

    /**
     * Answers 401 to every bearer token, however valid: what AEM does when the technical account has no
     * permission on this environment, or the credentials belong to another one.
     *
     * @return this stand-in
     */
    public AemStandIn refuseEveryToken() {
        this.refuseTokens = true;
        return this;
    }

    /**
     * Requires {@code X-Api-Key} on {@code /adobe/…} paths (Adobe's OpenAPI-based AEM APIs), equal to the
     * client id the bearer token was issued to; otherwise 403 as Adobe's API gateway answers:
     * {@code {"error_code":"403000","message":"Api Key is required"}} or {@code …"403003","Api Key is invalid"}.
     *
     * @return this stand-in
     */
    public AemStandIn requireApiKey() {
        this.requireApiKey = true;
        return this;
    }

    /** {@return every request received so far, in order: an unmodifiable copy} */
    public List<AemRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Map<String, List<String>> headers = headersOf(exchange);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Fault fault = nextFault();
        if (fault != null && !fault.answersNormally()) {
            requests.add(new AemRequest(method, path, headers, statusOf(fault), null, body));
            answer(exchange, fault);
            return;
        }
        Optional<String> principal = authenticate(authorization);
        String scheme = authorization == null ? "no Authorization" : authorization.split(" ", 2)[0];
        log("AEM  " + method + " " + path + " (" + scheme + ") -> " + (principal.isPresent() ? "200 as " + principal.get() : "401"));
        if (principal.isEmpty()) {
            requests.add(new AemRequest(method, path, headers, 401, null, body));
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"AEM\"");
            sendJson(exchange, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        String apiKeyProblem = apiKeyProblem(exchange, authorization);
        if (apiKeyProblem != null) {
            requests.add(new AemRequest(method, path, headers, 403, principal.get(), body));
            log("AEM  " + method + " " + path + " -> 403 " + apiKeyProblem);
            sendJson(exchange, 403, apiKeyProblem);
            return;
        }
        if (exchange.getRequestURI().getPath().equals("/testkit/redirect")) {
            String query = exchange.getRequestURI().getQuery();
            String target = query != null && query.startsWith("to=") ? query.substring(3) : "/";
            requests.add(new AemRequest(method, path, headers, 302, principal.get(), body));
            exchange.getResponseHeaders().set("Location", target);
            send(exchange, 302, "text/plain", "");
            return;
        }
        requests.add(new AemRequest(method, path, headers, 200, principal.get(), body));
        if (exchange.getRequestURI().getPath().startsWith(BYTES_PATH)) {
            sendBytes(exchange, exchange.getRequestURI().getPath().substring(BYTES_PATH.length()));
            return;
        }
        String json = Json.createObjectBuilder()
                .add("path", exchange.getRequestURI().getPath())
                .add("method", method)
                .add("principal", principal.get())
                .build().toString();
        if (acceptsGzip(exchange)) {
            sendGzip(exchange, json);
        } else {
            sendJson(exchange, 200, json);
        }
    }

    private static final String BYTES_PATH = "/testkit/bytes/";
    private static final String OPENAPI_PATH = "/adobe/";

    /** The gateway's answer when an OpenAPI path lacks the right {@code X-Api-Key}; null when all is well. */
    private String apiKeyProblem(HttpExchange exchange, String authorization) {
        if (!requireApiKey || !exchange.getRequestURI().getPath().startsWith(OPENAPI_PATH)) {
            return null;
        }
        List<String> keys = exchange.getRequestHeaders().get("X-Api-Key");
        if (keys == null || keys.isEmpty()) {
            return "{\"error_code\":\"403000\",\"message\":\"Api Key is required\"}";
        }
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        Optional<String> client = ims == null ? Optional.empty() : ims.clientIdOf(token);
        if (keys.size() != 1 || client.isEmpty() || !client.get().equals(keys.get(0))) {
            return "{\"error_code\":\"403003\",\"message\":\"Api Key is invalid\"}";
        }
        return null;
    }

    private static Map<String, List<String>> headersOf(HttpExchange exchange) {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return Collections.unmodifiableMap(headers);
    }

    private static boolean acceptsGzip(HttpExchange exchange) {
        List<String> accepted = exchange.getRequestHeaders().get("Accept-Encoding");
        return accepted != null && accepted.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("gzip"));
    }

    private static void sendGzip(HttpExchange exchange, String json) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        exchange.sendResponseHeaders(200, compressed.size());
        exchange.getResponseBody().write(compressed.toByteArray());
        exchange.close();
    }

    private static void sendBytes(HttpExchange exchange, String size) throws IOException {
        long remaining;
        try {
            remaining = Long.parseLong(size);
        } catch (NumberFormatException e) {
            sendJson(exchange, 400, "{\"error\":\"not a byte count: " + size.replace("\"", "") + "\"}");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0); // chunked: nothing says how long until it ends
        byte[] pattern = new byte[251 * 64];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i % 251);
        }
        try (OutputStream out = exchange.getResponseBody()) {
            while (remaining > 0) {
                int n = (int) Math.min(pattern.length, remaining);
                out.write(pattern, 0, n);
                remaining -= n;
            }
        } catch (IOException clientWentAway) {
            // the client stopped reading: nothing more to send
        }
        exchange.close();
    }

    private Optional<String> authenticate(String authorization) {
        if (authorization == null) {
            return anonymous ? Optional.of("anonymous") : Optional.empty();
        }
        if (authorization.startsWith("Bearer ") && ims != null) {
            if (refuseTokens) {
                return Optional.empty();
            }
            return ims.principalOf(authorization.substring(7).strip());
        }
        if (authorization.startsWith("Basic ")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0 && decoded.substring(colon + 1).equals(basicUsers.get(decoded.substring(0, colon)))) {
                    return Optional.of(decoded.substring(0, colon));
                }
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}

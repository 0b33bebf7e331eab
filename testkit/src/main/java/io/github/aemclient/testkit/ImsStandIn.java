package io.github.aemclient.testkit;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A strict stand-in for Adobe IMS on 127.0.0.1.
 * <ul>
 * <li>{@code POST /ims/exchange/jwt} (service credentials): checks what IMS checks — client id and secret,
 * the RS256 signature against the integration's certificate, issuer, subject, audience, metascopes,
 * {@code exp} in seconds and in the future — and answers
 * {@code {"token_type":"bearer","access_token":...,"expires_in":<ms>}}.</li>
 * <li>{@code POST /ims/token/v3} (OAuth Server-to-Server): checks {@code grant_type=client_credentials},
 * client id and secret, and that every requested scope is granted to the client, and answers the same shape
 * with {@code expires_in} in <em>seconds</em>.</li>
 * </ul>
 * Errors come as {@code {"error":...,"error_description":...}}; forms must be properly encoded (a malformed
 * escape or a repeated parameter is a 400 {@code bad_request}). Issued tokens are JWT-shaped like IMS's, with
 * {@code created_at} and {@code expires_in} claims in milliseconds.
 *
 * <p>Thread-safe: it may be configured, inspected and revoked from a test thread while it serves. Every
 * request is recorded (see {@link #requests()}) before it is answered. Close it when done.
 */
public final class ImsStandIn extends StandInServer {

    static final String EXCHANGE_PATH = "/ims/exchange/jwt";
    static final String TOKEN_PATH = "/ims/token/v3";
    /** IMS refuses assertions whose exp is further ahead than this (an exp in milliseconds is). */
    static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(24);

    private final Map<String, Registration> integrations = new ConcurrentHashMap<>();
    private final Map<String, TestOAuthCredentials> oauthClients = new ConcurrentHashMap<>();
    private final Map<String, IssuedToken> issued = new ConcurrentHashMap<>();
    private final List<ImsRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger exchanges = new AtomicInteger();
    private volatile Duration tokenLifetime = Duration.ofHours(24);
    private volatile Clock clock = Clock.systemUTC();
    private volatile RateLimit rateLimit;

    private ImsStandIn(int port, TestTls tls) {
        super(port, "ims-stand-in", tls);
    }

    /**
     * {@return a started stand-in serving HTTPS on a free loopback port} Its {@link #url()} is
     * {@code https://127.0.0.1:<port>}; clients trust it only through a trust store holding {@code tls}'s
     * certificate.
     *
     * @param tls the server identity
     */
    public static ImsStandIn start(TestTls tls) {
        return new ImsStandIn(0, java.util.Objects.requireNonNull(tls));
    }

    /**
     * {@return a started stand-in on a free loopback port} It issues tokens signed with one RSA key, the same for
     * every stand-in in the JVM.
     *
     * @throws java.io.UncheckedIOException when no server can be started
     */
    public static ImsStandIn start() {
        return new ImsStandIn(0, null);
    }

    /**
     * {@return a started stand-in on a given loopback port}
     *
     * @param port the port on 127.0.0.1, or 0 for a free one
     * @throws java.io.UncheckedIOException when the port is taken
     */
    public static ImsStandIn start(int port) {
        return new ImsStandIn(port, null);
    }

    /**
     * Accepts exchanges for these credentials (their client id, secret, certificate, org, account, scopes),
     * replacing any registration of the same client id.
     *
     * @param credentials the integration to accept
     * @return this stand-in
     */
    public ImsStandIn register(TestCredentials credentials) {
        integrations.put(credentials.clientId(), new Registration(credentials.clientId(), credentials.clientSecret(),
                credentials.certificate(), credentials.org(), credentials.technicalAccountId(),
                credentials.imsEndpoint(), List.copyOf(credentials.metascopes())));
        return this;
    }

    /**
     * Accepts {@code /ims/token/v3} requests for this OAuth Server-to-Server credential.
     *
     * @param credentials its client id, secret and granted scopes
     * @return this stand-in
     */
    public ImsStandIn register(TestOAuthCredentials credentials) {
        oauthClients.put(credentials.clientId(), credentials);
        return this;
    }

    /**
     * Sets the lifetime of the tokens it issues from now on (IMS: 24 h); short ones let tests see renewals.
     *
     * @param lifetime the {@code expires_in} of each token issued
     * @return this stand-in
     */
    public ImsStandIn tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
        return this;
    }

    /**
     * Answers at most {@code exchangesPerSecond} exchanges per wall-clock second and the rest with
     * {@code 429} and {@code Retry-After: 1}, as IMS throttles a client that asks too often (a cluster
     * restarting all at once, say). Throttled requests are recorded with status 429.
     *
     * @param exchangesPerSecond how many requests a second it answers normally
     * @return this stand-in
     * @throws IllegalArgumentException when {@code exchangesPerSecond} is less than 1
     */
    public ImsStandIn throttle(int exchangesPerSecond) {
        if (exchangesPerSecond < 1) {
            throw new IllegalArgumentException("exchangesPerSecond must be at least 1");
        }
        this.rateLimit = new RateLimit(exchangesPerSecond);
        return this;
    }

    /** {@return how many requests it answered with 429 because of {@link #throttle(int)}} */
    public int throttled() {
        return (int) requests().stream().filter(r -> r.status() == 429).count();
    }

    /**
     * Sets the clock it checks assertions' {@code exp} and {@code iat}, certificates and token expiry
     * against, and issues tokens at (default: the system clock).
     *
     * @param clock a {@link MutableClock}, say
     * @return this stand-in
     */
    public ImsStandIn clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** {@return every request received so far, in order: an unmodifiable copy} */
    public List<ImsRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** {@return how many tokens it issued through the exchange} */
    public int successfulExchanges() {
        return exchanges.get();
    }

    /**
     * {@return a local development token as the Developer Console issues it} AEM stand-ins using this IMS
     * accept it until {@code createdAt + lifetime}, unless it is revoked.
     *
     * @param createdAt its {@code created_at} claim
     * @param lifetime its {@code expires_in} claim
     */
    public String issueDeveloperToken(Instant createdAt, Duration lifetime) {
        return issue("dev-console-" + TestCredentials.randomHex(4), "developer@example.com", "AdobeID,openid",
                createdAt, lifetime);
    }

    /**
     * Makes a token unusable before its expiry, as a revocation would. A token it did not issue is ignored.
     *
     * @param accessToken the token value
     */
    public void revoke(String accessToken) {
        issued.remove(digest(accessToken));
    }

    /**
     * Revokes the tokens issued so far to one client.
     *
     * @param clientId an integration's client id
     */
    public void revokeTokensOf(String clientId) {
        issued.values().removeIf(token -> clientId.equals(token.clientId()));
    }

    /** Revokes every token issued so far. */
    public void revokeAll() {
        issued.clear();
    }

    /**
     * {@return the client a token this IMS issued was issued to (the integration's or credential's client id),
     * expired or not; empty for a token it did not issue or revoked}
     *
     * @param accessToken the token value
     */
    public Optional<String> clientIdOf(String accessToken) {
        IssuedToken token = issued.get(digest(accessToken));
        return token == null ? Optional.empty() : Optional.of(token.clientId());
    }

    /**
     * {@return the principal of a token this IMS issued that is neither expired (by its clock) nor revoked,
     * if it is one} For an exchanged token: the technical account id.
     *
     * @param accessToken the token value
     */
    public Optional<String> principalOf(String accessToken) {
        IssuedToken token = issued.get(digest(accessToken));
        if (token == null || !clock.instant().isBefore(token.expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(token.principal);
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form;
        String formProblem = null;
        try {
            form = parseForm(body);
        } catch (IllegalArgumentException e) {
            form = Map.of();
            formProblem = e.getMessage();
        }
        JsonObject jwtHeader = null;
        JsonObject jwtClaims = null;
        if (form.containsKey("jwt_token")) {
            try {
                Jws jws = Jws.parse(form.get("jwt_token"));
                jwtHeader = jws.header;
                jwtClaims = jws.claims;
            } catch (IllegalArgumentException e) {
                // recorded without decoded parts; answered below
            }
        }
        // Every request is recorded before it is answered, so a client never sees an answer whose request
        // is not yet in requests().
        Fault fault = nextFault();
        if (fault != null && !fault.answersNormally()) {
            requests.add(new ImsRequest(method, path, contentType, form, jwtHeader, jwtClaims, statusOf(fault), null));
            log("IMS  " + method + " " + path + " -> injected fault " + fault);
            answer(exchange, fault);
            return;
        }
        if (formProblem != null) {
            // A client that cannot encode a form gets IMS's 400, not a 500 it would retry.
            requests.add(new ImsRequest(method, path, contentType, form, null, null, 400, "bad_request"));
            log("IMS  " + method + " " + path + " -> 400 bad_request (" + formProblem + ")");
            sendJson(exchange, 400, Json.createObjectBuilder().add("error", "bad_request")
                    .add("error_description", formProblem).build().toString());
            return;
        }
        RateLimit limit = rateLimit;
        if (limit != null && !limit.tryAcquire()) {
            requests.add(new ImsRequest(method, path, contentType, form, jwtHeader, jwtClaims, 429,
                    "too_many_requests"));
            log("IMS  " + method + " " + path + " client_id=" + form.get("client_id") + " -> 429 throttled");
            exchange.getResponseHeaders().set("Retry-After", "1");
            sendJson(exchange, 429, "{\"error\":\"too_many_requests\",\"error_description\":\"Too many requests,"
                    + " retry later\"}");
            return;
        }
        Outcome outcome = exchange(method, path, contentType, form);
        requests.add(new ImsRequest(method, path, contentType, form, jwtHeader, jwtClaims, outcome.status,
                outcome.error));
        log("IMS  " + method + " " + path + " client_id=" + form.get("client_id") + " -> " + outcome.status
                + (outcome.error == null ? " access token issued, expires in " + tokenLifetime : " " + outcome.error));
        sendJson(exchange, outcome.status, outcome.body);
    }

    private Outcome exchange(String method, String path, String contentType, Map<String, String> form) {
        if (!EXCHANGE_PATH.equals(path) && !TOKEN_PATH.equals(path)) {
            return Outcome.error(404, "not_found", "No such endpoint: " + path);
        }
        if (!"POST".equals(method)) {
            return Outcome.error(405, "method_not_allowed", "Use POST");
        }
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return Outcome.error(400, "bad_request", "Content-Type must be application/x-www-form-urlencoded");
        }
        if (TOKEN_PATH.equals(path)) {
            return clientCredentials(form);
        }
        String clientId = form.get("client_id");
        if (clientId == null || clientId.isEmpty()) {
            return Outcome.error(400, "invalid_client", "missing client_id parameter");
        }
        Registration integration = integrations.get(clientId);
        if (integration == null) {
            return Outcome.error(400, "invalid_client", "invalid client_id parameter");
        }
        String secret = form.get("client_secret");
        if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                integration.clientSecret.getBytes(StandardCharsets.UTF_8))) {
            return Outcome.error(400, "invalid_client", "invalid client_secret parameter");
        }
        String assertion = form.get("jwt_token");
        if (assertion == null || assertion.isEmpty()) {
            return Outcome.error(400, "bad_request", "missing jwt_token parameter");
        }
        Jws jws;
        try {
            jws = Jws.parse(assertion);
        } catch (IllegalArgumentException e) {
            return Outcome.error(400, "invalid_token", "Could not parse JWT: " + e.getMessage());
        }
        if (!"RS256".equals(stringOf(jws.header, "alg"))) {
            return Outcome.error(400, "invalid_token", "Unsupported JWT algorithm: " + stringOf(jws.header, "alg"));
        }
        // A binding lives as long as its certificate: an expired one matches no signature.
        if (!clock.instant().isBefore(integration.certificate.getNotAfter().toInstant())
                || !jws.verifies(integration.certificate.getPublicKey())) {
            return Outcome.error(400, "invalid_signature", "Could not match JWT signature to any of the bindings");
        }
        Outcome claimsProblem = checkClaims(jws.claims, integration);
        if (claimsProblem != null) {
            return claimsProblem;
        }
        String token = issue(integration.clientId, integration.technicalAccountId,
                String.join(",", integration.metascopes), clock.instant(), tokenLifetime);
        exchanges.incrementAndGet();
        return new Outcome(200, null, Json.createObjectBuilder()
                .add("token_type", "bearer")
                .add("access_token", token)
                .add("expires_in", tokenLifetime.toMillis())
                .build().toString());
    }

    /** {@code /ims/token/v3}: what IMS checks for an OAuth Server-to-Server credential. */
    private Outcome clientCredentials(Map<String, String> form) {
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            return Outcome.error(400, "invalid_request", "missing grant_type parameter");
        }
        if (!"client_credentials".equals(grantType)) {
            return Outcome.error(400, "unsupported_grant_type", "unsupported grant_type " + grantType);
        }
        String clientId = form.get("client_id");
        if (clientId == null || clientId.isEmpty()) {
            return Outcome.error(400, "invalid_client", "missing client_id parameter");
        }
        TestOAuthCredentials client = oauthClients.get(clientId);
        if (client == null) {
            return Outcome.error(400, "invalid_client", "invalid client_id parameter");
        }
        String secret = form.get("client_secret");
        if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                client.clientSecret().getBytes(StandardCharsets.UTF_8))) {
            return Outcome.error(400, "invalid_client", "invalid client_secret parameter");
        }
        String scope = form.get("scope");
        if (scope == null || scope.isBlank()) {
            return Outcome.error(400, "invalid_scope", "missing scope parameter");
        }
        List<String> refused = new ArrayList<>();
        for (String requested : scope.split(",")) {
            if (!client.scopes().contains(requested)) {
                refused.add(requested);
            }
        }
        if (!refused.isEmpty()) {
            return Outcome.error(400, "invalid_scope", "invalid scope(s): " + String.join(",", refused));
        }
        // IMS counts this answer's expires_in in seconds: a lifetime under a second is not expressible.
        Duration lifetime = tokenLifetime.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tokenLifetime;
        String token = issue(clientId, clientId + "@techacct.adobe.com", scope, clock.instant(), lifetime);
        exchanges.incrementAndGet();
        return new Outcome(200, null, Json.createObjectBuilder()
                .add("access_token", token)
                .add("token_type", "bearer")
                .add("expires_in", lifetime.toSeconds())
                .build().toString());
    }

    private Outcome checkClaims(JsonObject claims, Registration integration) {
        Instant now = clock.instant();
        JsonValue exp = claims.get("exp");
        if (!(exp instanceof JsonNumber expNumber) || !expNumber.isIntegral()) {
            return Outcome.error(400, "invalid_token", "JWT exp claim missing or not a number of seconds");
        }
        long expSeconds = expNumber.longValue();
        if (expSeconds > now.plus(MAX_ASSERTION_LIFETIME).getEpochSecond()) {
            return Outcome.error(400, "invalid_token", "JWT exp is too far in the future (milliseconds instead of seconds?)");
        }
        if (expSeconds <= now.getEpochSecond()) {
            return Outcome.error(400, "invalid_token", "JWT expired");
        }
        JsonValue iat = claims.get("iat");
        if (iat != null && (!(iat instanceof JsonNumber iatNumber)
                || iatNumber.longValue() > now.plusSeconds(60).getEpochSecond())) {
            return Outcome.error(400, "invalid_token", "JWT iat is not a time in seconds, or lies in the future");
        }
        if (!integration.org.equals(stringOf(claims, "iss"))) {
            return Outcome.error(400, "invalid_token", "JWT issuer (iss) does not match the organization");
        }
        if (!integration.technicalAccountId.equals(stringOf(claims, "sub"))) {
            return Outcome.error(400, "invalid_token", "JWT subject (sub) does not match the technical account");
        }
        String audience = "https://" + integration.imsEndpoint + "/c/" + integration.clientId;
        if (!audience.equals(stringOf(claims, "aud"))) {
            return Outcome.error(400, "invalid_token", "JWT audience (aud) must be " + audience);
        }
        String scopePrefix = "https://" + integration.imsEndpoint + "/s/";
        int scopes = 0;
        for (Map.Entry<String, JsonValue> claim : claims.entrySet()) {
            if (claim.getKey().startsWith(scopePrefix)) {
                String scope = claim.getKey().substring(scopePrefix.length());
                if (claim.getValue() != JsonValue.TRUE) {
                    return Outcome.error(400, "invalid_scope", "Metascope claim " + scope + " must be true");
                }
                if (!integration.metascopes.contains(scope)) {
                    return Outcome.error(400, "invalid_scope", "Invalid metascope: " + scope);
                }
                scopes++;
            } else if (claim.getKey().startsWith("https://")) {
                return Outcome.error(400, "invalid_scope", "Metascope claim for another IMS endpoint: " + claim.getKey());
            }
        }
        if (scopes == 0) {
            return Outcome.error(400, "invalid_scope", "No metascopes in JWT");
        }
        return null;
    }

    private String issue(String clientOrUser, String principal, String scope, Instant createdAt, Duration lifetime) {
        JsonObject header = Json.createObjectBuilder().add("alg", "RS256").add("x5u", "ims_na1-key-at-1.cer")
                .add("kid", "ims_na1-key-at-1").add("itt", "at").build();
        JsonObject claims = Json.createObjectBuilder()
                .add("id", TestCredentials.randomHex(8))
                .add("type", "access_token")
                .add("client_id", clientOrUser)
                .add("user_id", principal)
                .add("as", "ims-na1")
                .add("created_at", Long.toString(createdAt.toEpochMilli()))
                .add("expires_in", Long.toString(lifetime.toMillis()))
                .add("scope", scope)
                .build();
        String token = Jws.sign(header, claims, SigningKey.KEY.getPrivate());
        issued.put(digest(token), new IssuedToken(clientOrUser, principal, createdAt.plus(lifetime)));
        return token;
    }

    private static String stringOf(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonString string ? string.getString() : null;
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("malformed form encoding (a '%' not followed by two hex digits)");
            }
            if (form.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("duplicate " + name + " parameter");
            }
        }
        return form;
    }

    private static String digest(String token) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Registration(String clientId, String clientSecret, X509Certificate certificate, String org,
            String technicalAccountId, String imsEndpoint, List<String> metascopes) {
    }

    private record IssuedToken(String clientId, String principal, Instant expiresAt) {
    }

    private record Outcome(int status, String error, String body) {

        static Outcome error(int status, String error, String description) {
            return new Outcome(status, error, Json.createObjectBuilder().add("error", error)
                    .add("error_description", description).build().toString());
        }
    }

    /** A fixed window per wall-clock second: what IMS's throttling looks like from a client. */
    private static final class RateLimit {
        private final int perSecond;
        private long window = -1;
        private int used;

        RateLimit(int perSecond) {
            this.perSecond = perSecond;
        }

        synchronized boolean tryAcquire() {
            long now = System.currentTimeMillis() / 1000;
            if (now != window) {
                window = now;
                used = 0;
            }
            return ++used <= perSecond;
        }
    }

    /**
     * The key every stand-in in this JVM signs its tokens with, made at the first token: Adobe IMS signs all its
     * tokens with one key too (the {@code kid} of the header), and generating a 2048-bit RSA key for each stand-in
     * made starting one cost tens of milliseconds. Tokens stay distinct: each carries a random id.
     */
    private static final class SigningKey {
        static final KeyPair KEY = TestCredentials.generateKeyPair(2048);
    }
}

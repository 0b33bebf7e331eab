package io.github.aemclient.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One request the AEM stand-in received, and how it answered. */
public final class AemRequest {

    private final String method;
    private final String path;
    private final String authorization;
    private final int status;
    private final String principal;
    private final String body;
    private final Map<String, List<String>> headers;

    AemRequest(String method, String path, Map<String, List<String>> headers, int status, String principal,
            String body) {
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.authorization = header("Authorization").orElse(null);
        this.status = status;
        this.principal = principal;
        this.body = body;
    }

    /** Every request header as received, names in lower case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a request header, the name in any case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The request body as text (empty when there was none). */
    public String body() {
        return body;
    }

    public String method() {
        return method;
    }

    /** Path and query, as requested. */
    public String path() {
        return path;
    }

    /** The {@code Authorization} header as received, if any. */
    public Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /** The bearer token sent, if any. */
    public Optional<String> bearerToken() {
        return authorization().filter(a -> a.startsWith("Bearer ")).map(a -> a.substring(7));
    }

    public int status() {
        return status;
    }

    /** Who the stand-in authenticated the request as, if anyone. */
    public Optional<String> principal() {
        return Optional.ofNullable(principal);
    }

    @Override
    public String toString() {
        return "AemRequest[" + method + " " + path + " -> " + status + "]";
    }
}

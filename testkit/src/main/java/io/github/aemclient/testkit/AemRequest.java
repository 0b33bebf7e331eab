package io.github.aemclient.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One request the AEM stand-in received, and how it answered. Immutable. */
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

    /** {@return every request header as received, names in lower case: an unmodifiable map} */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * {@return the first value of a request header, if it was sent}
     *
     * @param name the header name, in any case
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** {@return the request body as UTF-8 text (empty when there was none)} */
    public String body() {
        return body;
    }

    /** {@return the HTTP method} */
    public String method() {
        return method;
    }

    /** {@return the path and query, as requested (still percent-encoded)} */
    public String path() {
        return path;
    }

    /** {@return the {@code Authorization} header as received, if any} */
    public Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /** {@return the bearer token sent, if any} */
    public Optional<String> bearerToken() {
        return authorization().filter(a -> a.startsWith("Bearer ")).map(a -> a.substring(7));
    }

    /** {@return the status the stand-in answered with (0 when a fault dropped the connection)} */
    public int status() {
        return status;
    }

    /** {@return who the stand-in authenticated the request as, if anyone} */
    public Optional<String> principal() {
        return Optional.ofNullable(principal);
    }

    @Override
    public String toString() {
        return "AemRequest[" + method + " " + path + " -> " + status + "]";
    }
}

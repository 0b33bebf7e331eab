package io.github.aemclient.internal.filter;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/** Scheme, host and port of a URL: credentials are only ever sent to the configured AEM origin. */
public final class Origin {

    private final String scheme;
    private final String host;
    private final int port;
    /** The port a URL of this scheme without one means: what a request's URI without a port is compared as. */
    private final int defaultPort;

    private Origin(String scheme, String host, int port) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.defaultPort = effectivePort(scheme, -1);
    }

    public static Origin of(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("URL has no scheme or host: " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return new Origin(scheme, normalizeHost(uri.getHost()), effectivePort(scheme, uri.getPort()));
    }

    boolean matches(URI uri) {
        String otherScheme = uri.getScheme();
        String otherHost = uri.getHost();
        if (otherHost == null || otherScheme == null) {
            return false;
        }
        // Checked on every request, so it is kept small enough to be inlined into the filter: the usual
        // spelling is compared exactly, any other (upper case, a trailing dot) off the hot path. A URI
        // without a port means the default port of its scheme, which is this origin's if the schemes match.
        int otherPort = uri.getPort();
        return port == (otherPort == -1 ? defaultPort : otherPort)
                && (scheme.equals(otherScheme) && host.equals(otherHost) || matchesSpelledOtherwise(otherScheme, otherHost));
    }

    private boolean matchesSpelledOtherwise(String otherScheme, String otherHost) {
        return scheme.equalsIgnoreCase(otherScheme)
                && (host.equalsIgnoreCase(otherHost) || host.equals(normalizeHost(otherHost)));
    }

    /** Scheme, host and port of {@code uri} for a message: no path or query, which may carry what is not ours to log. */
    static String describe(URI uri) {
        if (uri.getHost() != null) {
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        }
        // A host java.net.URI does not parse (an underscore in it): its authority, without any user info.
        String authority = Objects.requireNonNullElse(uri.getRawAuthority(), "");
        return uri.getScheme() + "://" + authority.substring(authority.lastIndexOf('@') + 1);
    }

    /** True for localhost, 127.0.0.0/8 and ::1: where plain http cannot be sniffed on the network. */
    public boolean isLoopback() {
        boolean ipv4Loopback = host.startsWith("127.") && host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        return ipv4Loopback || host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1");
    }

    public boolean isHttps() {
        return scheme.equals("https");
    }

    private static String normalizeHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static int effectivePort(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Origin other)) {
            return false;
        }
        return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, host, port);
    }

    @Override
    public String toString() {
        return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}

package io.github.aemclient.internal.config;

import io.github.aemclient.client.AuthMode;
import io.github.aemclient.internal.network.TrustStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a setting's text becomes a value, and the range it must lie in. {@link #parse} throws
 * {@link InvalidValue} with what is wrong and what to use instead, in words that need no property name,
 * so that each front end can put its own name (property, environment variable, option) in front.
 *
 * @param <T> the value's type
 */
abstract class SettingType<T> {

    /** @throws InvalidValue naming what is wrong with {@code text} */
    abstract T parse(String text) throws InvalidValue;

    /** The values allowed, for messages and the README ("a duration from 1ms to 10m"); "" for free text. */
    String allowed() {
        return "";
    }

    /** A value that cannot be used; its message completes "&lt;setting&gt; …". */
    static final class InvalidValue extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidValue(String message) {
            super(message, null, false, false);
        }
    }

    static SettingType<String> text() {
        return new SettingType<>() {
            @Override
            String parse(String text) {
                return text;
            }
        };
    }

    static SettingType<Path> path() {
        return new SettingType<>() {
            @Override
            String allowed() {
                return "a file path";
            }

            @Override
            Path parse(String text) throws InvalidValue {
                try {
                    return Path.of(text.strip());
                } catch (InvalidPathException e) {
                    throw new InvalidValue("is not a valid file path: " + e.getReason());
                }
            }
        };
    }

    /** An http(s) URL with a host and no user info, query or fragment; {@code example} shows a good one. */
    static SettingType<URI> httpUrl(String example) {
        return new SettingType<>() {
            @Override
            URI parse(String text) throws InvalidValue {
                URI uri;
                try {
                    uri = new URI(text.strip());
                } catch (URISyntaxException e) {
                    throw new InvalidValue("is not a valid URL (" + e.getReason() + "); e.g. " + example);
                }
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                    throw new InvalidValue("must be an http(s) URL with a host, e.g. " + example);
                }
                if (uri.getRawUserInfo() != null) {
                    throw new InvalidValue("must not contain user info; give credentials in their own settings");
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new InvalidValue("must not have a query or fragment");
                }
                return uri;
            }

            @Override
            String allowed() {
                return "an http(s) URL";
            }
        };
    }

    static SettingType<Duration> duration(Duration min, Duration max) {
        return new SettingType<>() {
            @Override
            Duration parse(String text) throws InvalidValue {
                Duration value;
                try {
                    value = Durations.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new InvalidValue("'" + text + "' " + e.getMessage());
                }
                if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                    throw new InvalidValue("is " + text + "; it must be from " + human(min) + " to " + human(max));
                }
                return value;
            }

            @Override
            String allowed() {
                return human(min) + "–" + human(max);
            }
        };
    }

    static SettingType<Integer> integer(int min, int max) {
        return new SettingType<>() {
            @Override
            Integer parse(String text) throws InvalidValue {
                try {
                    int value = Integer.parseInt(text.strip());
                    if (value >= min && value <= max) {
                        return value;
                    }
                } catch (NumberFormatException e) {
                    // reported below, as an out-of-range number is
                }
                throw new InvalidValue("is '" + text + "'; use a whole number from " + min + " to " + max);
            }

            @Override
            String allowed() {
                return min + "–" + max;
            }
        };
    }

    /** A decimal number; {@code meaning} says what it is a number of. */
    static SettingType<Double> decimal(double min, double max, String meaning) {
        return new SettingType<>() {
            @Override
            Double parse(String text) throws InvalidValue {
                double value;
                try {
                    value = Double.parseDouble(text.strip());
                } catch (NumberFormatException e) {
                    value = Double.NaN;
                }
                if (!(value >= min && value <= max)) {
                    throw new InvalidValue("is '" + text + "'; use a number from " + min + " to " + max + " ("
                            + meaning + ")");
                }
                return value;
            }

            @Override
            String allowed() {
                return min + "–" + max;
            }
        };
    }

    /** Comma-separated scopes: each a word without white space; at least one. */
    static SettingType<List<String>> scopes() {
        return new SettingType<>() {
            @Override
            List<String> parse(String text) throws InvalidValue {
                List<String> scopes = new ArrayList<>();
                for (String part : text.split(",")) {
                    String scope = part.strip();
                    if (scope.isEmpty()) {
                        continue;
                    }
                    if (!SCOPE.matcher(scope).matches()) {
                        throw new InvalidValue("has a scope that is not a single word ('" + scope + "'); separate"
                                + " scopes with commas, e.g. openid,AdobeID,aem.folders");
                    }
                    if (!scopes.contains(scope)) {
                        scopes.add(scope);
                    }
                }
                if (scopes.isEmpty()) {
                    throw new InvalidValue("names no scope; give the credential's scopes, comma-separated, e.g."
                            + " openid,AdobeID,aem.folders");
                }
                return List.copyOf(scopes);
            }

            @Override
            String allowed() {
                return "comma-separated scopes";
            }
        };
    }

    private static final Pattern SCOPE = Pattern.compile("[\\x21-\\x7E&&[^,\"\\\\]]{1,200}");

    static SettingType<Boolean> bool() {
        return new SettingType<>() {
            @Override
            Boolean parse(String text) throws InvalidValue {
                String value = text.strip().toLowerCase(Locale.ROOT);
                if (value.equals("true") || value.equals("false")) {
                    return Boolean.parseBoolean(value);
                }
                throw new InvalidValue("is '" + text + "'; use true or false");
            }

            @Override
            String allowed() {
                return "true or false";
            }
        };
    }

    static SettingType<AuthMode> mode() {
        return new SettingType<>() {
            @Override
            AuthMode parse(String text) throws InvalidValue {
                return Arrays.stream(AuthMode.values()).filter(m -> m.configName().equalsIgnoreCase(text.strip()))
                        .findFirst().orElseThrow(() -> new InvalidValue("is '" + text + "'; allowed: " + allowed()));
            }

            @Override
            String allowed() {
                return Arrays.stream(AuthMode.values()).map(AuthMode::configName).collect(Collectors.joining(", "));
            }
        };
    }

    /** {@code host:port} (an IPv6 host in brackets), as MicroProfile Rest Client's {@code proxyAddress}. */
    static SettingType<HostPort> hostPort() {
        return new SettingType<>() {
            @Override
            HostPort parse(String text) throws InvalidValue {
                String value = text.strip();
                if (value.contains("@")) {
                    // Not quoted: "http://user:password@proxy:3128" is a common way to write a proxy.
                    throw new InvalidValue("must be host:port without user info (the value is not shown: it may"
                            + " hold a password); give the credentials in proxy-user and proxy-password");
                }
                URI uri = null;
                try {
                    uri = value.contains("/") ? null : new URI("http://" + value);
                } catch (URISyntaxException e) {
                    // reported below
                }
                if (uri == null || uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535
                        || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new InvalidValue("is '" + text + "'; use host:port, e.g. proxy.example.com:3128 or"
                            + " [2001:db8::1]:3128 (no scheme)");
                }
                String host = uri.getHost();
                return new HostPort(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, uri.getPort());
            }

            @Override
            String allowed() {
                return "host:port";
            }
        };
    }

    /** A host and port, as {@link #hostPort()} reads them. */
    record HostPort(String host, int port) {
    }

    static SettingType<TrustStore.Type> trustStoreType() {
        return new SettingType<>() {
            @Override
            TrustStore.Type parse(String text) throws InvalidValue {
                try {
                    return TrustStore.Type.of(text);
                } catch (IllegalArgumentException e) {
                    throw new InvalidValue("is '" + text + "'; allowed: " + allowed());
                }
            }

            @Override
            String allowed() {
                return "PKCS12, JKS, PEM, DER";
            }
        };
    }

    static String human(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0 && !d.isZero()) {
            return d.toMillis() + "ms";
        }
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}

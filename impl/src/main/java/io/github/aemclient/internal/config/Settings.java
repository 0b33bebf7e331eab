package io.github.aemclient.internal.config;

import static io.github.aemclient.client.AuthMode.BASIC;
import static io.github.aemclient.client.AuthMode.DEVELOPER;
import static io.github.aemclient.client.AuthMode.OAUTH;
import static io.github.aemclient.client.AuthMode.SERVICE;

import io.github.aemclient.client.AuthMode;
import io.github.aemclient.internal.network.TrustStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code aem.<env>.*} setting, declared once, in the order the README's table lists them. A setting
 * added here is read, validated, defaulted and documented (the README table is checked against this list by
 * a test); the reader only decides how settings combine.
 */
public final class Settings {

    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    /** Where OAuth Server-to-Server tokens come from unless {@code ims-url} says otherwise. */
    public static final String DEFAULT_IMS = "https://ims-na1.adobelogin.com";
    private static final String AEM_URL_EXAMPLE = "https://author-p12345-e67890.adobeaemcloud.com";
    private static final Map<String, Setting<?>> ALL = new LinkedHashMap<>();

    public static final Setting<URI> URL = declare("url", SettingType.httpUrl(AEM_URL_EXAMPLE), null,
            "**required**", Set.of(),
            "The AEM environment, e.g. `" + AEM_URL_EXAMPLE + "`. Plain `http://` is refused when credentials"
                    + " would be sent to a host other than localhost.");
    public static final Setting<Path> CREDENTIALS_FILE = declare("credentials-file", SettingType.path(), null, "",
            Set.of(SERVICE), "Service credentials JSON from the Developer Console (the whole download or just its"
                    + " `integration` object). Implies mode `service`.");
    public static final Setting<String> CREDENTIALS = declare("credentials", SettingType.text(), null, "",
            Set.of(SERVICE), "The same JSON inline (e.g. from a secret store).");
    public static final Setting<Path> TOKEN_FILE = declare("token-file", SettingType.path(), null, "",
            Set.of(DEVELOPER), "A local development token, raw or the console's JSON. Re-read when it has expired"
                    + " or AEM rejected it, so saving a new token there needs no restart. Implies mode `developer`.");
    public static final Setting<String> TOKEN = declare("token", SettingType.text(), null, "", Set.of(DEVELOPER),
            "The same token inline.");
    public static final Setting<String> CLIENT_ID = declare("client-id", SettingType.text(), null, "", Set.of(OAUTH),
            "The client ID of an OAuth Server-to-Server credential (Adobe Developer Console → your project →"
                    + " OAuth Server-to-Server), for Adobe's OpenAPI-based AEM APIs. Implies mode `oauth`. Also sent"
                    + " to AEM as `X-Api-Key`.");
    public static final Setting<String> CLIENT_SECRET = declare("client-secret", SettingType.text(), null, "",
            Set.of(OAUTH), "Its client secret. White space around it (as secret stores leave it) is removed.");
    public static final Setting<Path> CLIENT_SECRET_FILE = declare("client-secret-file", SettingType.path(), null, "",
            Set.of(OAUTH), "The client secret in a file instead (a mounted secret); read at start-up.");
    public static final Setting<List<String>> SCOPES = declare("scopes", SettingType.scopes(), null, "", Set.of(OAUTH),
            "The credential's scopes, comma-separated as the Developer Console shows them, e.g."
                    + " `openid,AdobeID,aem.folders,aem.assets.author`. Required in mode `oauth`.");
    public static final Setting<String> USERNAME = declare("username", SettingType.text(), null, "", Set.of(BASIC),
            "HTTP basic auth user, e.g. `admin` on the local AEM SDK. Implies mode `basic`.");
    public static final Setting<String> PASSWORD = declare("password", SettingType.text(), null, "", Set.of(BASIC),
            "HTTP basic auth password (may be empty).");
    public static final Setting<AuthMode> MODE = declare("mode", SettingType.mode(), null, "inferred", Set.of(),
            "`service`, `oauth`, `developer`, `basic` or `none`. Inferred from the settings above; with none of them set,"
                    + " `none` for a localhost URL and an error otherwise (set `none` explicitly to call e.g. a"
                    + " publish tier anonymously). Setting two kinds of credentials is an error naming both.");
    public static final Setting<URI> IMS_URL = declare("ims-url", SettingType.httpUrl(DEFAULT_IMS),
            null, "`https://{imsEndpoint}` (service), `" + DEFAULT_IMS + "` (oauth)", Set.of(SERVICE, OAUTH),
            "Where tokens are obtained (a proxy or a stand-in). With service credentials, the JWT's claims still"
                    + " use `imsEndpoint` from the credentials.");
    public static final Setting<Duration> CONNECT_TIMEOUT = declare("connect-timeout",
            SettingType.duration(Duration.ofMillis(1), MAX_TIMEOUT), Duration.ofSeconds(10), null, Set.of(),
            "For IMS and AEM. Durations: `500ms`, `30s`, `5m`, `1h`, ISO-8601 `PT30S`, or a number of seconds.");
    public static final Setting<Duration> READ_TIMEOUT = declare("read-timeout",
            SettingType.duration(Duration.ofMillis(1), MAX_TIMEOUT), Duration.ofSeconds(30), null, Set.of(),
            "For IMS (bounding the whole exchange) and AEM.");
    public static final Setting<Path> TRUST_STORE = declare("trust-store", SettingType.path(), null, "the JVM's CAs",
            Set.of(), "Certificates to trust for IMS and AEM **instead of** the JVM's default CAs: PEM certificates"
                    + " (what a security team hands out), a PKCS12 or a JKS store, or DER certificates. For a TLS-inspecting proxy or a"
                    + " private CA; it must then also hold what IMS's and AEM's certificates chain to (a TLS-inspecting"
                    + " proxy re-signs both).");
    public static final Setting<String> TRUST_STORE_PASSWORD = declare("trust-store-password", SettingType.text(),
            null, "", Set.of(), "The trust store's password (PKCS12, JKS; PEM has none).");
    public static final Setting<TrustStore.Type> TRUST_STORE_TYPE = declare("trust-store-type",
            SettingType.trustStoreType(), null, "from the content", Set.of(),
            "`PKCS12`, `JKS`, `PEM` or `DER` (a binary certificate or PKCS#7 bundle, as Windows exports them);"
                    + " told from the file's content when not set.");
    public static final Setting<SettingType.HostPort> PROXY_ADDRESS = declare("proxy-address", SettingType.hostPort(),
            null, "the JVM's", Set.of(), "An HTTP proxy for IMS and AEM, `host:port` (HTTPS goes through `CONNECT`"
                    + " tunnels). Without it, IMS is reached through the JVM's proxy settings (`https.proxyHost`,"
                    + " ...), AEM as the JAX-RS implementation does by default.");
    public static final Setting<String> PROXY_USER = declare("proxy-user", SettingType.text(), null, "", Set.of(),
            "User for the proxy's Basic authentication, for IMS and AEM (RESTEasy, Jersey's default"
                    + " connector; see *Networks*). With HTTPS the JVM must allow Basic for tunnels"
                    + " (`-Djdk.http.auth.tunneling.disabledSchemes=`; checked at start-up).");
    public static final Setting<String> PROXY_PASSWORD = declare("proxy-password", SettingType.text(), null, "",
            Set.of(), "Its password.");
    public static final Setting<Duration> JWT_LIFETIME = declare("jwt-lifetime",
            SettingType.duration(Duration.ofSeconds(10), Duration.ofHours(24)), Duration.ofMinutes(5), null,
            Set.of(SERVICE), "How far ahead the signed JWT's `exp` lies. A new JWT is signed for every exchange.");
    public static final Setting<Double> REFRESH_RATIO = declare("refresh-ratio",
            SettingType.decimal(0.1, 0.9, "the fraction of a token's lifetime after which it is renewed"), 0.5,
            null, Set.of(SERVICE, OAUTH), "Fraction of a token's lifetime after which it is renewed in the background.");
    public static final Setting<Duration> EXPIRY_MARGIN = declare("expiry-margin",
            SettingType.duration(Duration.ZERO, Duration.ofHours(1)), Duration.ofMinutes(5), null, Set.of(SERVICE, OAUTH),
            "A token is never handed out this close to its expiry (capped at a tenth of its lifetime).");
    public static final Setting<Duration> REFRESH_RETRY_INTERVAL = declare("refresh-retry-interval",
            SettingType.duration(Duration.ofMillis(1), Duration.ofHours(1)), Duration.ofSeconds(30), null,
            Set.of(SERVICE, OAUTH), "After a failed background renewal, wait this long before trying again.");
    public static final Setting<Duration> UNAUTHORIZED_RENEWAL_INTERVAL = declare("unauthorized-renewal-interval",
            SettingType.duration(Duration.ofSeconds(1), Duration.ofHours(1)), Duration.ofSeconds(30), null,
            Set.of(SERVICE, OAUTH), "When AEM answers 401, a new token is obtained at once — but at most once per this"
                    + " interval. AEM refusing every token (credentials not authorized for it) then costs one IMS"
                    + " exchange per interval, not one per request.");
    public static final Setting<Integer> RETRY_MAX_ATTEMPTS = declare("retry-max-attempts",
            SettingType.integer(1, 10), 4, null, Set.of(SERVICE, OAUTH),
            "IMS attempts per token acquisition when IMS fails transiently (1 = no retry). Throttled answers (429,"
                    + " or any with `Retry-After`) do not use up attempts, only `retry-max-duration`.");
    public static final Setting<Duration> RETRY_MAX_DURATION = declare("retry-max-duration",
            SettingType.duration(Duration.ZERO, MAX_TIMEOUT), Duration.ofSeconds(30), null, Set.of(SERVICE, OAUTH),
            "The most one acquisition may spend retrying, waits included.");
    public static final Setting<Boolean> ALLOW_INSECURE_HTTP = declare("allow-insecure-http", SettingType.bool(),
            false, null, Set.of(SERVICE, OAUTH, DEVELOPER, BASIC),
            "**Insecure.** `true` lets credentials go over plain `http://` to a non-local host (a test network"
                    + " behind TLS-terminating infrastructure, say). Logged as a warning at every start.");
    public static final Setting<Boolean> EAGER = declare("eager", SettingType.bool(), false, null,
            Set.of(SERVICE, OAUTH, DEVELOPER), "For the CDI extension: obtain the first token at start-up instead of on"
                    + " first use. The deployment waits for it at most 10 s: an IMS refusal within that time fails"
                    + " the deployment; after it, the exchange goes on in the background (one warning) and the first"
                    + " calls wait for it.");

    private Settings() {
    }

    private static <T> Setting<T> declare(String key, SettingType<T> type, T defaultValue, String defaultText,
            Set<AuthMode> modes, String description) {
        String shown = defaultText != null ? defaultText : "`" + shown(defaultValue) + "`";
        Setting<T> setting = new Setting<>(key, type, defaultValue, shown,
                modes.isEmpty() ? EnumSet.noneOf(AuthMode.class) : EnumSet.copyOf(modes), description);
        if (ALL.put(key, setting) != null) {
            throw new IllegalStateException("Setting declared twice: " + key);
        }
        return setting;
    }

    private static String shown(Object value) {
        return value instanceof Duration duration ? SettingType.human(duration) : String.valueOf(value);
    }

    /** All settings, in the README's order. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
    }

    /** The setting with this key ({@code read-timeout}), if there is one. */
    public static Optional<Setting<?>> find(String key) {
        return Optional.ofNullable(ALL.get(key));
    }

    /**
     * The setting with this key.
     *
     * @throws IllegalArgumentException for an unknown key, naming the closest known one
     */
    public static Setting<?> require(String key, String environment) {
        Setting<?> setting = ALL.get(key);
        if (setting != null) {
            return setting;
        }
        String shown = key.length() > 80 ? key.substring(0, 80) + "…" : key;
        String[] parts = key.split("\\.", 3);
        if (parts.length == 3 && parts[0].equals("aem") && ALL.containsKey(parts[2])) {
            throw new IllegalArgumentException("'" + shown + "' is a property name; give the key alone: '" + parts[2]
                    + "'");
        }
        throw new IllegalArgumentException("Unknown AEM setting '" + shown + "' for environment '" + environment + "'; "
                + suggestion(key, s -> "'" + s.key() + "' (" + s.property(environment) + ")"));
    }

    /**
     * What to say about a key that is no setting: "did you mean …?" naming the {@link #closest} settings as
     * {@code described}, or the list of known keys when none is close.
     */
    static String suggestion(String key, Function<Setting<?>, String> described) {
        List<Setting<?>> near = closest(key);
        return near.isEmpty() ? "known settings: " + String.join(", ", ALL.keySet())
                : "did you mean " + near.stream().map(described).collect(Collectors.joining(" or ")) + "?";
    }

    /**
     * The known settings a mistyped key probably meant: those containing it (a shortened key such as
     * {@code pass}), else the nearest by edit distance when it is near enough to be a typo.
     */
    static List<Setting<?>> closest(String key) {
        String typed = key.strip().toLowerCase(Locale.ROOT);
        if (typed.length() >= 3) {
            List<Setting<?>> containing = ALL.values().stream().filter(s -> s.key().contains(typed)).toList();
            if (!containing.isEmpty() && containing.size() <= 3) {
                return containing;
            }
        }
        if (typed.length() > 64) {
            return List.of();
        }
        Setting<?> best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Setting<?> setting : ALL.values()) {
            int distance = distance(typed, setting.key());
            if (distance < bestDistance) {
                best = setting;
                bestDistance = distance;
            }
        }
        // More than a third of the letters wrong is a different word, not a typo.
        return best != null && bestDistance <= Math.max(1, best.key().length() / 3) ? List.of(best) : List.of();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

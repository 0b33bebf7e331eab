package io.github.aemclient.internal.config;

import io.github.aemclient.client.AuthMode;
import static io.github.aemclient.internal.config.AemProperties.ALLOW_INSECURE_HTTP;
import static io.github.aemclient.internal.config.AemProperties.CONNECT_TIMEOUT;
import static io.github.aemclient.internal.config.AemProperties.CREDENTIALS;
import static io.github.aemclient.internal.config.AemProperties.CREDENTIALS_FILE;
import static io.github.aemclient.internal.config.AemProperties.EAGER;
import static io.github.aemclient.internal.config.AemProperties.EXPIRY_MARGIN;
import static io.github.aemclient.internal.config.AemProperties.IMS_URL;
import static io.github.aemclient.internal.config.AemProperties.JWT_LIFETIME;
import static io.github.aemclient.internal.config.AemProperties.MODE;
import static io.github.aemclient.internal.config.AemProperties.PASSWORD;
import static io.github.aemclient.internal.config.AemProperties.READ_TIMEOUT;
import static io.github.aemclient.internal.config.AemProperties.REFRESH_RATIO;
import static io.github.aemclient.internal.config.AemProperties.REFRESH_RETRY_INTERVAL;
import static io.github.aemclient.internal.config.AemProperties.RETRY_MAX_ATTEMPTS;
import static io.github.aemclient.internal.config.AemProperties.RETRY_MAX_DURATION;
import static io.github.aemclient.internal.config.AemProperties.TOKEN;
import static io.github.aemclient.internal.config.AemProperties.TOKEN_FILE;
import static io.github.aemclient.internal.config.AemProperties.UNAUTHORIZED_RENEWAL_INTERVAL;
import static io.github.aemclient.internal.config.AemProperties.URL;
import static io.github.aemclient.internal.config.AemProperties.USERNAME;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.internal.credentials.SecretFiles;
import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.github.aemclient.internal.credentials.ServiceCredentialsReader;
import io.github.aemclient.internal.filter.Origin;
import io.github.aemclient.internal.token.RefreshPolicy;
import io.github.aemclient.internal.token.RetryPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates one environment's {@code aem.<env>.*} properties. Every problem found is reported
 * at once, each naming its property; a bad credentials file is reported with the JSON field at fault.
 */
public final class EnvironmentSettingsReader {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_JWT_LIFETIME = Duration.ofMinutes(5);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final System.Logger LOG = System.getLogger(EnvironmentSettingsReader.class.getName());

    private final String environment;
    private final PropertyLookup lookup;
    private final List<AemConfigurationException> problems = new ArrayList<>();
    private boolean allowInsecureHttp;

    private EnvironmentSettingsReader(String environment, PropertyLookup lookup) {
        this.environment = environment;
        this.lookup = lookup;
    }

    /** Settings for calling AEM: {@code aem.<env>.url} is required. */
    public static EnvironmentSettings read(String environment, PropertyLookup lookup) {
        return new EnvironmentSettingsReader(checkName(environment), lookup).read(true);
    }

    /** Settings for obtaining tokens only (no AEM URL needed), as the CLI's {@code token} command does. */
    public static EnvironmentSettings readForTokensOnly(String environment, PropertyLookup lookup) {
        return new EnvironmentSettingsReader(checkName(environment), lookup).read(false);
    }

    private static String checkName(String environment) {
        if (environment == null || !ENVIRONMENT_NAME.matcher(environment).matches()) {
            throw new AemConfigurationException("aem." + environment, "Invalid AEM environment name '" + environment
                    + "': use letters, digits, '-' and '_' (it becomes part of property names such as aem.<name>.url)");
        }
        return environment;
    }

    private EnvironmentSettings read(boolean urlRequired) {
        URI url = urlRequired ? required(URL).map(this::aemUrl).orElse(null) : optional(URL).map(this::aemUrl).orElse(null);
        AuthMode mode = mode(url);
        Duration connectTimeout = duration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, Duration.ofMillis(1), MAX_TIMEOUT);
        Duration readTimeout = duration(READ_TIMEOUT, DEFAULT_READ_TIMEOUT, Duration.ofMillis(1), MAX_TIMEOUT);
        Duration jwtLifetime = duration(JWT_LIFETIME, DEFAULT_JWT_LIFETIME, Duration.ofSeconds(10), Duration.ofHours(24));
        RefreshPolicy refreshPolicy = refreshPolicy();
        RetryPolicy retryPolicy = new RetryPolicy(
                integer(RETRY_MAX_ATTEMPTS, RetryPolicy.DEFAULT_MAX_ATTEMPTS, 1, 10),
                duration(RETRY_MAX_DURATION, RetryPolicy.DEFAULT_MAX_DURATION, Duration.ZERO, MAX_TIMEOUT));
        boolean eager = bool(EAGER, false);
        allowInsecureHttp = bool(ALLOW_INSECURE_HTTP, false);

        ServiceCredentials credentials = null;
        URI imsUrl = null;
        EnvironmentSettings.DeveloperTokenSetting developerToken = null;
        String username = null;
        String password = null;
        if (mode != null) {
            if (url != null && mode.sendsCredentials()) {
                refuseCleartext(url, URL, mode == AuthMode.BASIC ? "the password" : "the access token");
            }
            switch (mode) {
                case SERVICE:
                    credentials = credentials();
                    imsUrl = imsUrl(credentials);
                    break;
                case DEVELOPER:
                    developerToken = developerToken();
                    break;
                case BASIC:
                    username = required(USERNAME).orElse(null);
                    password = lookup.raw(property(PASSWORD)).orElse(null);
                    if (password == null) {
                        problem(PASSWORD, property(PASSWORD) + " is missing (" + property(USERNAME) + " is set)");
                    } else if (username != null && username.contains(":")) {
                        problem(USERNAME, property(USERNAME) + " must not contain ':'");
                    }
                    break;
                default:
                    break;
            }
        }
        throwProblems();
        return new EnvironmentSettings(environment, url, mode, credentials, imsUrl, developerToken, username, password,
                connectTimeout, readTimeout, jwtLifetime, refreshPolicy, retryPolicy, eager);
    }

    private AuthMode mode(URI url) {
        List<String> service = present(CREDENTIALS_FILE, CREDENTIALS);
        List<String> developer = present(TOKEN_FILE, TOKEN);
        List<String> basic = present(USERNAME, PASSWORD);
        Optional<String> explicit = optional(MODE);
        if (explicit.isPresent()) {
            Optional<AuthMode> mode = modeNamed(explicit.get());
            if (mode.isEmpty()) {
                problem(MODE, property(MODE) + " is '" + explicit.get() + "'; allowed: " + allowedModes());
                return null;
            }
            List<String> others = new ArrayList<>();
            if (mode.get() != AuthMode.SERVICE) {
                others.addAll(service);
            }
            if (mode.get() != AuthMode.DEVELOPER) {
                others.addAll(developer);
            }
            if (mode.get() != AuthMode.BASIC) {
                others.addAll(basic);
            }
            if (!others.isEmpty()) {
                problem(MODE, property(MODE) + " is '" + mode.get().configName() + "' but " + String.join(" and ", others)
                        + (others.size() == 1 ? " is" : " are") + " also set; remove "
                        + (others.size() == 1 ? "it" : "them") + " or change the mode");
            }
            return mode.get();
        }
        List<List<String>> groups = new ArrayList<>();
        for (List<String> group : List.of(service, developer, basic)) {
            if (!group.isEmpty()) {
                groups.add(group);
            }
        }
        if (groups.size() > 1) {
            problem(groups.get(0).get(0), "Conflicting credentials for environment '" + environment + "': "
                    + groups.stream().map(g -> String.join(", ", g)).collect(Collectors.joining(" and "))
                    + " are all set; keep one kind (or set " + property(MODE) + ")");
            return null;
        }
        if (!service.isEmpty()) {
            return AuthMode.SERVICE;
        }
        if (!developer.isEmpty()) {
            return AuthMode.DEVELOPER;
        }
        if (!basic.isEmpty()) {
            return AuthMode.BASIC;
        }
        if (url != null && !Origin.of(url).isLoopback()) {
            problem(CREDENTIALS_FILE, "No credentials are configured for environment '" + environment + "' ("
                    + url + "): set " + property(CREDENTIALS_FILE) + " (service credentials), " + property(TOKEN_FILE)
                    + " (local development token), or " + property(MODE) + "=none to call it anonymously"
                    + " (as environment variables: " + environmentVariable(CREDENTIALS_FILE) + ", "
                    + environmentVariable(TOKEN_FILE) + ", " + environmentVariable(MODE) + ")");
            return null;
        }
        return AuthMode.NONE;
    }

    private ServiceCredentials credentials() {
        Optional<String> file = optional(CREDENTIALS_FILE);
        Optional<String> inline = optional(CREDENTIALS);
        if (file.isPresent() && inline.isPresent()) {
            problem(CREDENTIALS_FILE, "Both " + property(CREDENTIALS_FILE) + " and " + property(CREDENTIALS)
                    + " are set; keep one");
            return null;
        }
        if (file.isEmpty() && inline.isEmpty()) {
            problem(CREDENTIALS_FILE, property(MODE) + " is 'service' but neither " + property(CREDENTIALS_FILE)
                    + " nor " + property(CREDENTIALS) + " is set");
            return null;
        }
        try {
            if (file.isPresent()) {
                return ServiceCredentialsReader.fromFile(path(CREDENTIALS_FILE, file.get()));
            }
            return ServiceCredentialsReader.fromJson(inline.get(), property(CREDENTIALS));
        } catch (AemConfigurationException e) {
            problems.add(named(file.isPresent() ? CREDENTIALS_FILE : CREDENTIALS, e));
            return null;
        }
    }

    private URI imsUrl(ServiceCredentials credentials) {
        Optional<String> configured = optional(IMS_URL);
        if (configured.isEmpty()) {
            return credentials == null ? null : URI.create("https://" + credentials.imsEndpoint());
        }
        URI uri = httpUrl(IMS_URL, configured.get(), "https://ims-na1.adobelogin.com");
        if (uri != null) {
            refuseCleartext(uri, IMS_URL, "the client secret");
        }
        return uri;
    }

    private EnvironmentSettings.DeveloperTokenSetting developerToken() {
        Optional<String> file = optional(TOKEN_FILE);
        Optional<String> inline = optional(TOKEN);
        if (file.isPresent() && inline.isPresent()) {
            problem(TOKEN_FILE, "Both " + property(TOKEN_FILE) + " and " + property(TOKEN) + " are set; keep one");
            return null;
        }
        if (file.isPresent()) {
            Path path = path(TOKEN_FILE, file.get());
            if (path == null) {
                return null;
            }
            return new EnvironmentSettings.DeveloperTokenSetting(path.toString(),
                    () -> SecretFiles.readText(path, "local development token file"), true);
        }
        if (inline.isPresent()) {
            String token = inline.get();
            return new EnvironmentSettings.DeveloperTokenSetting(property(TOKEN), () -> token, false);
        }
        problem(TOKEN_FILE, property(MODE) + " is 'developer' but neither " + property(TOKEN_FILE) + " nor "
                + property(TOKEN) + " is set");
        return null;
    }

    private RefreshPolicy refreshPolicy() {
        double ratio = RefreshPolicy.DEFAULT_REFRESH_RATIO;
        Optional<String> ratioText = optional(REFRESH_RATIO);
        if (ratioText.isPresent()) {
            try {
                ratio = Double.parseDouble(ratioText.get().strip());
            } catch (NumberFormatException e) {
                ratio = Double.NaN;
            }
            if (!(ratio >= 0.1 && ratio <= 0.9)) {
                problem(REFRESH_RATIO, property(REFRESH_RATIO) + " is '" + ratioText.get()
                        + "'; use a number from 0.1 to 0.9 (the fraction of a token's lifetime after which it is renewed)");
                ratio = RefreshPolicy.DEFAULT_REFRESH_RATIO;
            }
        }
        Duration margin = duration(EXPIRY_MARGIN, RefreshPolicy.DEFAULT_EXPIRY_MARGIN, Duration.ZERO, Duration.ofHours(1));
        Duration retry = duration(REFRESH_RETRY_INTERVAL, RefreshPolicy.DEFAULT_RETRY_INTERVAL, Duration.ofMillis(1),
                Duration.ofHours(1));
        Duration unauthorized = duration(UNAUTHORIZED_RENEWAL_INTERVAL,
                RefreshPolicy.DEFAULT_UNAUTHORIZED_RENEWAL_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1));
        return new RefreshPolicy(ratio, margin, retry, unauthorized);
    }

    private URI aemUrl(String value) {
        return httpUrl(URL, value, "https://author-p12345-e67890.adobeaemcloud.com");
    }

    private URI httpUrl(String key, String value, String example) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            problem(key, property(key) + " is not a valid URL (" + e.getReason() + "); e.g. " + example);
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            problem(key, property(key) + " must be an http(s) URL with a host, e.g. " + example);
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            problem(key, property(key) + " must not contain user info; use " + property(USERNAME) + " and "
                    + property(PASSWORD));
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problem(key, property(key) + " must not have a query or fragment");
            return null;
        }
        return uri;
    }

    private void refuseCleartext(URI uri, String key, String secret) {
        Origin origin = Origin.of(uri);
        if (origin.isHttps() || origin.isLoopback()) {
            return;
        }
        if (allowInsecureHttp) {
            LOG.log(System.Logger.Level.WARNING, "INSECURE: {0} is plain http to {1} and {2}=true: {3} crosses the"
                    + " network unencrypted", property(key), uri.getHost(), property(ALLOW_INSECURE_HTTP), secret);
            return;
        }
        problem(key, property(key) + " is plain http to " + uri.getHost() + ": " + secret
                + " would cross the network unencrypted; use https (plain http is allowed only for localhost)");
    }

    private Path path(String key, String value) {
        try {
            return Paths.get(value.strip());
        } catch (java.nio.file.InvalidPathException e) {
            problem(key, property(key) + " is not a valid file path: " + e.getReason());
            return null;
        }
    }

    private Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        Duration value;
        try {
            value = Durations.parse(text.get());
        } catch (IllegalArgumentException e) {
            problem(key, property(key) + " '" + text.get() + "' " + e.getMessage());
            return defaultValue;
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problem(key, property(key) + " is " + text.get() + "; it must be from " + human(min) + " to " + human(max));
            return defaultValue;
        }
        return value;
    }

    private int integer(String key, int defaultValue, int min, int max) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get().strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(key, property(key) + " is '" + text.get() + "'; use a whole number from " + min + " to " + max);
        return defaultValue;
    }

    private boolean bool(String key, boolean defaultValue) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        String value = text.get().strip().toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        problem(key, property(key) + " is '" + text.get() + "'; use true or false");
        return defaultValue;
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private Optional<String> required(String key) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            problem(key, property(key) + " is missing (environment variable " + environmentVariable(key) + ")"
                    + (key.equals(URL) ? "; it is the AEM environment's URL, e.g. https://author-p12345-e67890.adobeaemcloud.com"
                            : ""));
        }
        return value;
    }

    private Optional<String> optional(String key) {
        return lookup.get(property(key));
    }

    private List<String> present(String... keys) {
        List<String> set = new ArrayList<>();
        for (String key : keys) {
            if (optional(key).isPresent()) {
                set.add(property(key));
            }
        }
        return set;
    }

    private String property(String key) {
        return AemProperties.name(environment, key);
    }

    private String environmentVariable(String key) {
        return PropertyLookup.environmentVariableName(property(key));
    }

    private void problem(String key, String message) {
        String name = key.startsWith("aem.") ? key : property(key);
        problems.add(new AemConfigurationException(name, message));
    }

    /** A credentials error keeps its own source (the JSON field) and gains the property that led to it. */
    private AemConfigurationException named(String key, AemConfigurationException e) {
        return new AemConfigurationException(e.source(), property(key) + ": " + e.getMessage(), e.getCause());
    }

    private void throwProblems() {
        if (problems.isEmpty()) {
            return;
        }
        if (problems.size() == 1) {
            throw problems.get(0);
        }
        String list = problems.stream().map(p -> "  - " + p.getMessage()).collect(Collectors.joining("\n"));
        throw new AemConfigurationException(problems.get(0).source(), "AEM environment '" + environment + "' has "
                + problems.size() + " configuration problems:\n" + list);
    }

    private static Optional<AuthMode> modeNamed(String value) {
        return Arrays.stream(AuthMode.values()).filter(m -> m.configName().equalsIgnoreCase(value.strip())).findFirst();
    }

    private static String allowedModes() {
        return Arrays.stream(AuthMode.values()).map(AuthMode::configName).collect(Collectors.joining(", "));
    }
}

package io.github.aemclient.internal.config;

import static io.github.aemclient.internal.config.Settings.ALLOW_INSECURE_HTTP;
import static io.github.aemclient.internal.config.Settings.CLIENT_ID;
import static io.github.aemclient.internal.config.Settings.CLIENT_SECRET;
import static io.github.aemclient.internal.config.Settings.CLIENT_SECRET_FILE;
import static io.github.aemclient.internal.config.Settings.CONNECT_TIMEOUT;
import static io.github.aemclient.internal.config.Settings.CREDENTIALS;
import static io.github.aemclient.internal.config.Settings.CREDENTIALS_FILE;
import static io.github.aemclient.internal.config.Settings.EAGER;
import static io.github.aemclient.internal.config.Settings.EXPIRY_MARGIN;
import static io.github.aemclient.internal.config.Settings.IMS_URL;
import static io.github.aemclient.internal.config.Settings.JWT_LIFETIME;
import static io.github.aemclient.internal.config.Settings.MODE;
import static io.github.aemclient.internal.config.Settings.PASSWORD;
import static io.github.aemclient.internal.config.Settings.PROXY_ADDRESS;
import static io.github.aemclient.internal.config.Settings.PROXY_PASSWORD;
import static io.github.aemclient.internal.config.Settings.PROXY_USER;
import static io.github.aemclient.internal.config.Settings.READ_TIMEOUT;
import static io.github.aemclient.internal.config.Settings.REFRESH_RATIO;
import static io.github.aemclient.internal.config.Settings.REFRESH_RETRY_INTERVAL;
import static io.github.aemclient.internal.config.Settings.RETRY_MAX_ATTEMPTS;
import static io.github.aemclient.internal.config.Settings.RETRY_MAX_DURATION;
import static io.github.aemclient.internal.config.Settings.SCOPES;
import static io.github.aemclient.internal.config.Settings.TOKEN;
import static io.github.aemclient.internal.config.Settings.TOKEN_FILE;
import static io.github.aemclient.internal.config.Settings.TRUST_STORE;
import static io.github.aemclient.internal.config.Settings.TRUST_STORE_PASSWORD;
import static io.github.aemclient.internal.config.Settings.TRUST_STORE_TYPE;
import static io.github.aemclient.internal.config.Settings.UNAUTHORIZED_RENEWAL_INTERVAL;
import static io.github.aemclient.internal.config.Settings.URL;
import static io.github.aemclient.internal.config.Settings.USERNAME;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.client.AuthMode;
import io.github.aemclient.internal.config.ConfigProblem.Kind;
import io.github.aemclient.internal.credentials.OAuthCredentials;
import io.github.aemclient.internal.credentials.SecretFiles;
import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.github.aemclient.internal.credentials.ServiceCredentialsReader;
import io.github.aemclient.internal.filter.Origin;
import io.github.aemclient.internal.network.BasicTunnelling;
import io.github.aemclient.internal.network.Network;
import io.github.aemclient.internal.network.ProxySettings;
import io.github.aemclient.internal.network.TrustStore;
import io.github.aemclient.internal.token.RefreshPolicy;
import io.github.aemclient.internal.token.RetryPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates one environment's {@code aem.<env>.*} settings as {@link Settings} declares them, and
 * decides how they combine (which mode, which credentials). Every problem found is reported at once in an
 * {@link InvalidSettingsException}, each naming its setting; a bad credentials file is reported with the
 * JSON field at fault.
 */
public final class EnvironmentSettingsReader {

    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]*");
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final System.Logger LOG = System.getLogger(EnvironmentSettingsReader.class.getName());

    private final String environment;
    private final PropertyLookup lookup;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private boolean allowInsecureHttp;
    private boolean applicationImsClient;

    private EnvironmentSettingsReader(String environment, PropertyLookup lookup) {
        this.environment = environment;
        this.lookup = lookup;
    }

    /** Settings for calling AEM: {@code aem.<env>.url} is required. */
    public static EnvironmentSettings read(String environment, PropertyLookup lookup) {
        return new EnvironmentSettingsReader(checkName(environment), lookup).read(true);
    }

    /**
     * As {@link #read(String, PropertyLookup)}, for an environment whose IMS exchange goes through the
     * application's own client ({@code imsHttpClient}): the proxy settings are then for AEM only, and nothing
     * is required of the JVM for IMS.
     */
    public static EnvironmentSettings readWithApplicationImsClient(String environment, PropertyLookup lookup) {
        EnvironmentSettingsReader reader = new EnvironmentSettingsReader(checkName(environment), lookup);
        reader.applicationImsClient = true;
        return reader.read(true);
    }

    /** Settings for obtaining tokens only (no AEM URL needed), as the CLI's {@code token} command does. */
    public static EnvironmentSettings readForTokensOnly(String environment, PropertyLookup lookup) {
        return new EnvironmentSettingsReader(checkName(environment), lookup).read(false);
    }

    /** @throws AemConfigurationException when the name cannot be part of property names */
    public static String checkName(String environment) {
        if (environment == null || !ENVIRONMENT_NAME.matcher(environment).matches()) {
            throw new AemConfigurationException("aem." + environment, "Invalid AEM environment name '" + environment
                    + "': use letters, digits, '-' and '_' (it becomes part of property names such as aem.<name>.url)");
        }
        return environment;
    }

    private EnvironmentSettings read(boolean urlRequired) {
        URI url = urlRequired ? required(URL) : value(URL).orElse(null);
        AuthMode mode = mode(url);
        Duration connectTimeout = valueOrDefault(CONNECT_TIMEOUT);
        Duration readTimeout = valueOrDefault(READ_TIMEOUT);
        Duration jwtLifetime = valueOrDefault(JWT_LIFETIME);
        RefreshPolicy refreshPolicy = new RefreshPolicy(valueOrDefault(REFRESH_RATIO), valueOrDefault(EXPIRY_MARGIN),
                valueOrDefault(REFRESH_RETRY_INTERVAL), valueOrDefault(UNAUTHORIZED_RENEWAL_INTERVAL));
        RetryPolicy retryPolicy = new RetryPolicy(valueOrDefault(RETRY_MAX_ATTEMPTS), valueOrDefault(RETRY_MAX_DURATION));
        boolean eager = valueOrDefault(EAGER);
        allowInsecureHttp = valueOrDefault(ALLOW_INSECURE_HTTP);

        ServiceCredentials credentials = null;
        OAuthCredentials oauthCredentials = null;
        URI imsUrl = null;
        EnvironmentSettings.DeveloperTokenSetting developerToken = null;
        String username = null;
        String password = null;
        if (mode != null) {
            if (url != null && mode.sendsCredentials()) {
                refuseCleartext(url, URL, mode == AuthMode.BASIC ? "the password" : "the access token");
            }
            switch (mode) {
                case SERVICE -> {
                    credentials = credentials();
                    imsUrl = imsUrl(credentials);
                }
                case OAUTH -> {
                    oauthCredentials = oauthCredentials();
                    imsUrl = present(IMS_URL).isEmpty() ? URI.create(Settings.DEFAULT_IMS) : imsUrl(null);
                }
                case DEVELOPER -> developerToken = developerToken();
                case BASIC -> {
                    username = required(USERNAME);
                    // An empty password is a password: read it as set, not as MicroProfile Config's "absent".
                    password = lookup.raw(property(PASSWORD)).orElse(null);
                    if (password == null) {
                        problem(PASSWORD, Kind.MISSING, n -> n.of(PASSWORD) + " is missing (" + n.of(USERNAME)
                                + " is set)");
                    } else if (username != null && username.contains(":")) {
                        problem(USERNAME, Kind.INVALID, n -> n.of(USERNAME) + " must not contain ':'");
                    }
                }
                case NONE -> {
                    // nothing to read
                }
            }
        }
        Network network = network(mode, imsUrl);
        reportUnknownSettings();
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(environment, problems);
        }
        return new EnvironmentSettings(environment, url, mode, credentials, oauthCredentials, imsUrl, developerToken, username, password,
                connectTimeout, readTimeout, jwtLifetime, refreshPolicy, retryPolicy, eager, network);
    }

    private AuthMode mode(URI url) {
        List<Setting<?>> service = present(CREDENTIALS_FILE, CREDENTIALS);
        List<Setting<?>> oauth = present(CLIENT_ID, CLIENT_SECRET, CLIENT_SECRET_FILE, SCOPES);
        List<Setting<?>> developer = present(TOKEN_FILE, TOKEN);
        List<Setting<?>> basic = present(USERNAME, PASSWORD);
        if (text(MODE).isPresent()) {
            Optional<AuthMode> explicit = value(MODE);
            if (explicit.isEmpty()) {
                return null;
            }
            AuthMode mode = explicit.get();
            List<Setting<?>> others = new ArrayList<>();
            for (Setting<?> setting : concat(service, oauth, developer, basic)) {
                if (!setting.modes().contains(mode)) {
                    others.add(setting);
                }
            }
            if (!others.isEmpty()) {
                problem(MODE, Kind.CONFLICT, n -> n.of(MODE) + " is '" + mode.configName() + "' but "
                        + names(n, others, " and ") + (others.size() == 1 ? " is" : " are") + " also set; remove "
                        + (others.size() == 1 ? "it" : "them") + " or change the mode");
            }
            return mode;
        }
        List<List<Setting<?>>> groups = new ArrayList<>();
        for (List<Setting<?>> group : List.of(service, oauth, developer, basic)) {
            if (!group.isEmpty()) {
                groups.add(group);
            }
        }
        if (groups.size() > 1) {
            problem(groups.get(0).get(0), Kind.CONFLICT, n -> "Conflicting credentials for " + n.subject() + ": "
                    + groups.stream().map(g -> names(n, g, ", ")).collect(Collectors.joining(" and "))
                    + " are all set; keep one kind" + n.name(MODE).map(m -> " (or set " + m + ")").orElse(""));
            return null;
        }
        if (!service.isEmpty()) {
            return AuthMode.SERVICE;
        }
        if (!oauth.isEmpty()) {
            return AuthMode.OAUTH;
        }
        if (!developer.isEmpty()) {
            return AuthMode.DEVELOPER;
        }
        if (!basic.isEmpty()) {
            return AuthMode.BASIC;
        }
        if (url != null && !Origin.of(url).isLoopback()) {
            problem(CREDENTIALS_FILE, Kind.MISSING, n -> "No credentials are configured for " + n.subject() + " ("
                    + url + "): set " + n.of(CREDENTIALS_FILE) + " (service credentials), " + n.of(CLIENT_ID)
                    + " with " + n.of(CLIENT_SECRET_FILE) + " and " + n.of(SCOPES) + " (OAuth Server-to-Server), "
                    + n.of(TOKEN_FILE) + " (local development token)"
                    + n.name(MODE).map(m -> ", or " + m + "=none to call it anonymously")
                            .orElse(", or " + n.of(USERNAME) + " (basic authentication)")
                    + alternatives(n, CREDENTIALS_FILE, CLIENT_ID, TOKEN_FILE, MODE));
            return null;
        }
        return AuthMode.NONE;
    }

    private ServiceCredentials credentials() {
        Optional<Setting<?>> source = oneOf(CREDENTIALS_FILE, CREDENTIALS);
        if (source.isEmpty()) {
            return null;
        }
        try {
            if (source.get() == CREDENTIALS_FILE) {
                return value(CREDENTIALS_FILE).map(ServiceCredentialsReader::fromFile).orElse(null);
            }
            return ServiceCredentialsReader.fromJson(required(CREDENTIALS), property(CREDENTIALS));
        } catch (AemConfigurationException e) {
            String advice = e instanceof ServiceCredentialsReader.DevelopmentTokenGiven ? "; configure it as " : null;
            problems.add(new ConfigProblem(source.get(), Kind.UNUSABLE_CONTENT, n -> n.of(source.get()) + ": "
                    + e.getMessage() + (advice == null ? "" : advice + n.of(TOKEN_FILE) + " instead"), e.source(),
                    e.getCause()));
            return null;
        }
    }

    private OAuthCredentials oauthCredentials() {
        String clientId = required(CLIENT_ID);
        List<String> scopes = required(SCOPES);
        Optional<Setting<?>> source = oneOf(CLIENT_SECRET_FILE, CLIENT_SECRET);
        String secret = null;
        String secretSource = null;
        if (source.isPresent() && source.get() == CLIENT_SECRET_FILE) {
            Path file = value(CLIENT_SECRET_FILE).orElse(null);
            if (file != null && !Files.exists(file)) {
                // Not quoted: a secret put where its file's path belongs would end up in a log.
                problem(CLIENT_SECRET_FILE, Kind.UNUSABLE_CONTENT, n -> n.of(CLIENT_SECRET_FILE) + " names no existing"
                        + " file (the value is not shown, in case it is the secret itself"
                        + n.name(CLIENT_SECRET).map(inline -> ": a secret given inline goes in " + inline).orElse("")
                        + ")");
            } else if (file != null) {
                try {
                    secret = SecretFiles.readText(file, "client secret file");
                    secretSource = file.toString();
                } catch (AemConfigurationException e) {
                    problems.add(new ConfigProblem(CLIENT_SECRET_FILE, Kind.UNUSABLE_CONTENT,
                            n -> n.of(CLIENT_SECRET_FILE) + ": " + e.getMessage(), e.source(), e.getCause()));
                }
            }
        } else if (source.isPresent()) {
            secret = required(CLIENT_SECRET);
            secretSource = property(CLIENT_SECRET);
        }
        // Secret stores and files leave a trailing newline; a client secret never has white space around it.
        if (secret != null && secret.isBlank()) {
            Setting<?> where = source.get();
            problem(where, Kind.INVALID, n -> n.of(where) + " holds only white space; it must hold the client secret");
            secret = null;
        }
        if (clientId == null || scopes == null || secret == null) {
            return null;
        }
        return new OAuthCredentials(clientId.strip(), secret.strip(), scopes, secretSource);
    }

    private URI imsUrl(ServiceCredentials credentials) {
        if (present(IMS_URL).isEmpty()) {
            return credentials == null ? null : URI.create("https://" + credentials.imsEndpoint());
        }
        // Service and oauth modes send the client secret to IMS.
        URI uri = value(IMS_URL).orElse(null);
        if (uri != null) {
            refuseCleartext(uri, IMS_URL, "the client secret");
        }
        return uri;
    }

    /** The trust store and proxy; the JVM's defaults for what is not set. */
    private Network network(AuthMode mode, URI imsUrl) {
        TrustStore trustStore = trustStore();
        ProxySettings proxy = proxy(mode, imsUrl);
        return trustStore == null && proxy == null ? Network.JVM_DEFAULTS : new Network(trustStore, proxy);
    }

    private TrustStore trustStore() {
        TrustStore trustStore = null;
        Optional<Path> file = value(TRUST_STORE);
        String storePassword = lookup.raw(property(TRUST_STORE_PASSWORD)).orElse(null);
        Optional<TrustStore.Type> type = value(TRUST_STORE_TYPE);
        if (file.isPresent()) {
            try {
                trustStore = TrustStore.read(file.get(), type.orElse(null), storePassword);
            } catch (TrustStore.Invalid e) {
                problem(TRUST_STORE, Kind.UNUSABLE_CONTENT, n -> n.of(TRUST_STORE) + ": " + e.getMessage()
                        + (e.passwordProblem() ? "; check " + n.of(TRUST_STORE_PASSWORD) : ""));
            }
        } else if (storePassword != null || type.isPresent()) {
            Setting<?> stray = storePassword != null ? TRUST_STORE_PASSWORD : TRUST_STORE_TYPE;
            problem(stray, Kind.MISSING, n -> n.of(stray) + " is set but " + n.of(TRUST_STORE) + " is not");
        }
        return trustStore;
    }

    private ProxySettings proxy(AuthMode mode, URI imsUrl) {
        ProxySettings proxy = null;
        Optional<SettingType.HostPort> address = value(PROXY_ADDRESS);
        String user = text(PROXY_USER).orElse(null);
        // An empty password is a password, as with basic authentication.
        String password = lookup.raw(property(PROXY_PASSWORD)).orElse(null);
        if (user != null && password == null) {
            problem(PROXY_PASSWORD, Kind.MISSING, n -> n.of(PROXY_PASSWORD) + " is missing (" + n.of(PROXY_USER)
                    + " is set)");
        } else if (user == null && password != null) {
            problem(PROXY_USER, Kind.MISSING, n -> n.of(PROXY_USER) + " is missing (" + n.of(PROXY_PASSWORD)
                    + " is set)");
        } else if (user != null && user.contains(":")) {
            problem(PROXY_USER, Kind.INVALID, n -> n.of(PROXY_USER) + " must not contain ':'");
        } else if (user != null && !(PRINTABLE_ASCII.matcher(user).matches()
                && PRINTABLE_ASCII.matcher(password).matches())) {
            // Basic has no agreed encoding: the JDK's clients send ISO-8859-1, Apache HttpClient US-ASCII, proxies
            // expect either or UTF-8 — such a password would work for IMS and fail for AEM, or the reverse.
            Setting<?> which = PRINTABLE_ASCII.matcher(user).matches() ? PROXY_PASSWORD : PROXY_USER;
            problem(which, Kind.INVALID, n -> n.of(which) + " has characters outside printable ASCII (not shown),"
                    + " which the HTTP clients involved encode differently for Basic authentication; use an ASCII"
                    + " user and password for the proxy");
        } else if (user != null && text(PROXY_ADDRESS).isEmpty()) {
            problem(PROXY_ADDRESS, Kind.MISSING, n -> n.of(PROXY_USER) + " is set but " + n.of(PROXY_ADDRESS)
                    + " is not");
        } else if (address.isPresent()) {
            proxy = new ProxySettings(address.get().host(), address.get().port(), user, password);
            // The IMS exchange's JDK client needs it; a JAX-RS connector that does is warned about when built.
            boolean imsTunnels = (mode == AuthMode.SERVICE || mode == AuthMode.OAUTH) && imsUrl != null
                    && Origin.of(imsUrl).isHttps() && !applicationImsClient;
            if (user != null && imsTunnels && BasicTunnelling.disabled()) {
                problem(PROXY_USER, Kind.INVALID, n -> n.of(PROXY_USER) + " is set, but this JVM does not send Basic"
                        + " credentials to a proxy for HTTPS (" + BasicTunnelling.PROPERTY + " includes Basic, the"
                        + " JDK's default): start the JVM with -D" + BasicTunnelling.PROPERTY + "= (empty) so that"
                        + " the IMS exchange can authenticate its tunnel");
            }
        }
        return proxy;
    }

    private EnvironmentSettings.DeveloperTokenSetting developerToken() {
        Optional<Setting<?>> source = oneOf(TOKEN_FILE, TOKEN);
        if (source.isEmpty()) {
            return null;
        }
        if (source.get() == TOKEN_FILE) {
            return value(TOKEN_FILE).map(path -> new EnvironmentSettings.DeveloperTokenSetting(path.toString(),
                    () -> SecretFiles.readText(path, "local development token file"), true)).orElse(null);
        }
        String token = required(TOKEN);
        return new EnvironmentSettings.DeveloperTokenSetting(property(TOKEN), () -> token, false);
    }

    /**
     * The one of a file setting and its inline twin that is set; a problem when both or neither are (the
     * mode in force needs one).
     */
    private Optional<Setting<?>> oneOf(Setting<?> file, Setting<?> inline) {
        List<Setting<?>> set = present(file, inline);
        if (set.size() == 2) {
            problem(file, Kind.CONFLICT, n -> "Both " + n.of(file) + " and " + n.of(inline) + " are set; keep one");
            return Optional.empty();
        }
        if (set.isEmpty()) {
            AuthMode mode = file.modes().iterator().next();
            // Say what led to this mode: the mode setting, or (when inferred) the settings of that mode that are set.
            List<Setting<?>> because = present(MODE).isEmpty() ? presentOf(mode) : List.of(MODE);
            problem(file, Kind.MISSING, n -> because.isEmpty() || because.get(0) == MODE && n.name(MODE).isEmpty()
                    ? "Neither " + n.of(file) + " nor " + n.of(inline) + " is set"
                    : because.get(0) == MODE ? n.of(MODE) + " is '" + mode.configName() + "' but neither " + n.of(file)
                            + " nor " + n.of(inline) + " is set"
                    : names(n, because, " and ") + (because.size() == 1 ? " is" : " are") + " set but neither "
                            + n.of(file) + " nor " + n.of(inline) + " is");
            return Optional.empty();
        }
        return Optional.of(set.get(0));
    }

    private void refuseCleartext(URI uri, Setting<URI> setting, String secret) {
        Origin origin = Origin.of(uri);
        if (origin.isHttps() || origin.isLoopback()) {
            return;
        }
        if (allowInsecureHttp) {
            LOG.log(System.Logger.Level.WARNING, "INSECURE: {0} is plain http to {1} and {2}=true: {3} crosses the"
                    + " network unencrypted", property(setting), uri.getHost(), property(ALLOW_INSECURE_HTTP), secret);
            return;
        }
        problem(setting, Kind.INSECURE, n -> n.of(setting) + " is plain http to " + uri.getHost() + ": " + secret
                + " would cross the network unencrypted; use https (plain http is allowed only for localhost)");
    }

    /** The setting's value, its default when absent or invalid (an invalid one is recorded as a problem). */
    private <T> T valueOrDefault(Setting<T> setting) {
        return value(setting).orElseGet(() -> setting.defaultOrFail());
    }

    /** The setting's value; empty when absent or invalid (an invalid one is recorded as a problem). */
    private <T> Optional<T> value(Setting<T> setting) {
        Optional<String> text = text(setting);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(setting.type().parse(text.get()));
        } catch (SettingType.InvalidValue e) {
            problem(setting, Kind.INVALID, n -> n.of(setting) + " " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The value of a setting that must be present; null (and a problem recorded) when it is absent or invalid. */
    private <T> T required(Setting<T> setting) {
        if (text(setting).isEmpty()) {
            problem(setting, Kind.MISSING, n -> n.of(setting) + " is missing"
                    + n.environmentVariable(setting).map(variable -> " (environment variable " + variable + ")")
                            .orElse("")
                    + (setting == URL ? "; it is the AEM environment's URL, e.g. "
                            + "https://author-p12345-e67890.adobeaemcloud.com" : ""));
            return null;
        }
        return value(setting).orElse(null);
    }

    private Optional<String> text(Setting<?> setting) {
        return lookup.get(property(setting));
    }

    private List<Setting<?>> present(Setting<?>... settings) {
        List<Setting<?>> set = new ArrayList<>();
        for (Setting<?> setting : settings) {
            if (text(setting).isPresent()) {
                set.add(setting);
            }
        }
        return set;
    }

    /** Properties in this environment's namespace that are no setting: typos, which would otherwise be ignored. */
    private void reportUnknownSettings() {
        String prefix = "aem." + environment + ".";
        lookup.names().ifPresent(names -> names.stream().filter(name -> name.startsWith(prefix)).sorted()
                .forEach(name -> {
                    String key = name.substring(prefix.length());
                    if (Settings.find(key).isEmpty()) {
                        problems.add(ConfigProblem.unknownSetting(key, name));
                    }
                }));
    }

    /** The settings that select {@code mode} (its credentials' settings) which are set. */
    private List<Setting<?>> presentOf(AuthMode mode) {
        List<Setting<?>> set = new ArrayList<>();
        for (Setting<?> setting : Settings.all()) {
            if (setting.modes().equals(java.util.EnumSet.of(mode)) && text(setting).isPresent()) {
                set.add(setting);
            }
        }
        return set;
    }

    @SafeVarargs
    private static List<Setting<?>> concat(List<Setting<?>>... lists) {
        List<Setting<?>> all = new ArrayList<>();
        for (List<Setting<?>> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static String names(SettingNames names, List<Setting<?>> settings, String separator) {
        return settings.stream().map(names::of).distinct().collect(Collectors.joining(separator));
    }

    /** " (as environment variables: A, B, C)", or nothing when the front end has no other names. */
    private static String alternatives(SettingNames names, Setting<?>... settings) {
        List<String> others = new ArrayList<>();
        for (Setting<?> setting : settings) {
            names.environmentVariable(setting).ifPresent(others::add);
        }
        return others.isEmpty() ? "" : " (as environment variables: " + String.join(", ", others) + ")";
    }

    private String property(Setting<?> setting) {
        return setting.property(environment);
    }

    private void problem(Setting<?> setting, Kind kind, Function<SettingNames, String> message) {
        problems.add(new ConfigProblem(setting, kind, message, null, null));
    }
}

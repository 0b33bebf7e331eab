package io.github.aemclient.client;

import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.client.AuthMode;
import io.github.aemclient.internal.config.EnvironmentAuthentication;
import io.github.aemclient.internal.config.EnvironmentSettings;
import io.github.aemclient.internal.config.EnvironmentSettingsReader;
import io.github.aemclient.internal.config.PropertyLookup;
import io.github.aemclient.internal.config.Setting;
import io.github.aemclient.internal.config.Settings;
import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.github.aemclient.internal.filter.AemAuthenticationFilter;
import io.github.aemclient.internal.filter.Origin;
import io.github.aemclient.internal.network.Network;
import io.github.aemclient.internal.network.ProxySettings;
import io.github.aemclient.internal.network.TrustStore;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Configurable;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * One AEM environment for plain Java: a JAX-RS client whose requests to AEM carry current credentials.
 *
 * <pre>{@code
 * try (AemEnvironment author = AemEnvironment.builder("author")
 *         .url("https://author-p12345-e67890.adobeaemcloud.com")
 *         .credentialsFile(Path.of("/run/secrets/aem-author.json"))
 *         .build()) {
 *     String json = author.target().path("/content/wknd.json").request().get(String.class);
 * }
 * }</pre>
 *
 * The builder takes the same settings as the {@code aem.<env>.*} properties; {@link #fromSystem(String)}
 * reads them from system properties and environment variables ({@code AEM_AUTHOR_URL}, ...).
 * The JAX-RS implementation on the classpath is used ({@link ClientBuilder#newBuilder()}).
 *
 * <p>Thread-safe: one instance serves the whole application. The access token is cached and renewed in the
 * background; however many threads call, one IMS exchange runs at a time. Configuration is read and checked
 * once, when the environment is built. {@link #toString()} shows no secret, and no method returns one.
 */
public final class AemEnvironment implements AutoCloseable {

    /** Jersey's client property for following redirects: {@code false} on every client built or configured here. */
    public static final String JERSEY_FOLLOW_REDIRECTS = "jersey.config.client.followRedirects";
    /** RESTEasy's client property for following redirects: {@code false} on every client built or configured here. */
    public static final String RESTEASY_FOLLOW_REDIRECTS = "dev.resteasy.client.follow.redirects";

    private final EnvironmentSettings settings;
    private final EnvironmentAuthentication authentication;
    private final AemAuthenticationFilter filter;
    private final Client client;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AemEnvironment(EnvironmentSettings settings, EnvironmentAuthentication authentication,
            Supplier<ClientBuilder> clientBuilder) {
        this.settings = settings;
        this.authentication = authentication;
        this.filter = new AemAuthenticationFilter(Origin.of(settings.url().orElseThrow()), authentication.authenticator());
        this.client = newClient(settings, filter, clientBuilder.get()
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * A builder for the environment named {@code environment}, which its settings' names use
     * ({@code aem.<environment>.*}) and messages show.
     *
     * @param environment the name, e.g. {@code author}: letters, digits, {@code -} and {@code _}
     * @return a builder with no settings yet
     * @throws NullPointerException when {@code environment} is null; an invalid name is reported by {@link Builder#build()}
     */
    public static Builder builder(String environment) {
        return new Builder(environment);
    }

    /**
     * Reads {@code aem.<environment>.*} from system properties, then environment variables
     * ({@code aem.author.url} or {@code AEM_AUTHOR_URL}).
     *
     * @param environment the environment name
     * @return the environment, its settings checked; no token obtained yet
     * @throws io.github.aemclient.AemConfigurationException naming each bad or missing setting
     */
    public static AemEnvironment fromSystem(String environment) {
        return new Builder(environment).read(PropertyLookup.systemAndEnvironment());
    }

    /**
     * Reads {@code aem.<environment>.*} from the given map (full property names, e.g. {@code aem.author.url}).
     *
     * @param environment the environment name
     * @param properties the settings by full property name; other entries are ignored
     * @return the environment, its settings checked; no token obtained yet
     * @throws io.github.aemclient.AemConfigurationException naming each bad or missing setting
     */
    public static AemEnvironment fromProperties(String environment, Map<String, String> properties) {
        return new Builder(environment).read(PropertyLookup.of(properties));
    }

    /** {@return the environment's name, as in {@code aem.<name>.url}} */
    public String name() {
        return settings.environment();
    }

    /** {@return the AEM URL ({@code aem.<env>.url}); requests to its origin (scheme, host, port) are authenticated} */
    public URI url() {
        return settings.url().orElseThrow();
    }

    /** {@return how requests are authenticated: configured with {@code aem.<env>.mode} or inferred from the settings} */
    public AuthMode mode() {
        return settings.mode();
    }

    /**
     * {@return whether {@code aem.<env>.eager} asks for the first token at start-up rather than on the first
     * call} The CDI extension does so during deployment; in plain Java, call {@code tokenProvider()} yourself.
     */
    public boolean eager() {
        return settings.eager();
    }

    /**
     * {@return how long a connection to AEM may take to open ({@code aem.<env>.connect-timeout})} The
     * environment's client uses it; a client of another kind (a MicroProfile Rest Client, say) is given it too.
     */
    public Duration connectTimeout() {
        return settings.connectTimeout();
    }

    /** {@return how long AEM may take to answer ({@code aem.<env>.read-timeout}), like {@link #connectTimeout()}} */
    public Duration readTimeout() {
        return settings.readTimeout();
    }

    /**
     * {@return the JAX-RS client built for this environment} Requests it sends to {@link #url()}'s origin are
     * authenticated, others are not; it follows no redirects. Thread-safe; closed by {@link #close()}.
     */
    public Client client() {
        requireOpen();
        return client;
    }

    /** {@return {@code client().target(url())}} */
    public WebTarget target() {
        requireOpen();
        return client.target(url());
    }

    /**
     * {@return how this environment reaches IMS and AEM when not the JVM's way: its trust store (file, type,
     * number of certificates) and proxy (address and user; never the password), e.g. for a start-up log line}
     * Empty when neither {@code trust-store} nor {@code proxy-address} is set.
     */
    public String network() {
        return settings.network().toString();
    }

    /**
     * {@return the certificates {@code aem.<env>.trust-store} names, as a TLS context} For a client of another
     * kind that calls this environment (a MicroProfile Rest Client's builder takes one); empty when the JVM's
     * CAs apply.
     */
    public Optional<SSLContext> sslContext() {
        return settings.network().trustStore().map(TrustStore::sslContext);
    }

    /**
     * {@return {@code aem.<env>.proxy-address}, unresolved} For a client of another kind; empty when the JVM's
     * proxy settings apply. Its credentials ({@code proxy-user}) are not handed out: {@link #newClient}
     * gives them to a JAX-RS client.
     */
    public Optional<InetSocketAddress> proxyAddress() {
        return settings.network().proxy().map(ProxySettings::socketAddress);
    }

    /**
     * Builds a JAX-RS client of yours that reaches and authenticates to this environment as {@link #client()}
     * does: {@code trust-store} (its {@code sslContext}, replacing the JVM's CAs for every host that client
     * calls), {@code proxy-address} with {@code proxy-user} (where the implementation allows: RESTEasy's
     * Apache engine, Jersey's default connector, Open Liberty's client; a RESTEasy builder with an engine of
     * your own is left with it, without the proxy's credentials), and {@link #applyTo} (filters, redirects
     * off). For clients with settings {@code client()} lacks (other timeouts, providers). Built here, because
     * RESTEasy's engine is made from the builder's settings as they are now: set everything else first.
     *
     * @param builder the builder, otherwise configured
     * @return the client; closing it is yours
     */
    public Client newClient(ClientBuilder builder) {
        requireOpen();
        return newClient(settings, filter, builder);
    }

    private static Client newClient(EnvironmentSettings settings, AemAuthenticationFilter filter, ClientBuilder builder) {
        Network network = settings.network();
        return network.authenticateProxy(configure(network.applyTo(builder), filter), settings.environment(),
                settings.url().orElseThrow()).build();
    }

    /**
     * {@return the token provider of service, OAuth and developer-token environments, shared with this
     * environment's client} For calls that do not go through JAX-RS. Empty for basic and anonymous environments.
     */
    public Optional<AccessTokenProvider> tokenProvider() {
        requireOpen();
        return authentication.tokenProvider();
    }

    /**
     * {@return whether this environment can authenticate calls now, with the token's expiry, the last failure
     * and the certificate's expiry} Reads what the environment holds and never waits for IMS, so a readiness
     * probe may ask it as often as it likes; only while no valid token is held after a failure does asking
     * start a background attempt, at most once per {@code refresh-retry-interval}.
     */
    public EnvironmentHealth health() {
        requireOpen();
        return EnvironmentHealth.of(mode(), authentication.tokenState(),
                settings.credentials().flatMap(ServiceCredentials::certificateExpiresAt));
    }

    /**
     * Makes a JAX-RS client of your own authenticate to this environment as {@link #client()} does:
     * registers the authentication filter and the request-snapshot filter a replay after a 401 starts from,
     * and turns redirect following off ({@link #JERSEY_FOLLOW_REDIRECTS}, {@link #RESTEASY_FOLLOW_REDIRECTS})
     * so that credentials never follow a redirect. Requests that client sends to other origins go out
     * untouched. Apply it to a {@code ClientBuilder} or a {@code Client}; the filters share this
     * environment's token provider, so no extra IMS exchange happens. One client serves one environment:
     * JAX-RS registers one instance of a provider class per client, so a second environment's filters would
     * be ignored and its requests go out unauthenticated.
     *
     * @param <C> the kind of configurable
     * @param configurable a {@code ClientBuilder}, {@code Client} or {@code WebTarget}
     * @return {@code configurable}, for chaining
     * @throws IllegalStateException when {@code configurable} already authenticates for another environment
     */
    public <C extends Configurable<C>> C applyTo(C configurable) {
        requireOpen();
        for (Object registered : configurable.getConfiguration().getInstances()) {
            if (registered instanceof AemAuthenticationFilter other && other != filter) {
                throw new IllegalStateException("Cannot apply AEM environment '" + name() + "' to a client that already"
                        + " authenticates for another one (" + other + "): JAX-RS keeps one filter of a kind per"
                        + " client, so this environment's requests would go out unauthenticated. Use a client per"
                        + " environment (its client(), or applyTo on a new ClientBuilder)");
            }
        }
        return configure(configurable, filter);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("AEM environment '" + name() + "' is closed");
        }
    }

    private static <C extends Configurable<C>> C configure(C configurable, AemAuthenticationFilter filter) {
        // Redirects are returned, not followed: a connector following one to another host might
        // carry the Authorization header along (Jersey follows by default; RESTEasy does not).
        return configurable.property(JERSEY_FOLLOW_REDIRECTS, Boolean.FALSE)
                .property(RESTEASY_FOLLOW_REDIRECTS, Boolean.FALSE)
                .register(filter, Map.of(ClientRequestFilter.class, Priorities.AUTHENTICATION,
                        ClientResponseFilter.class, AemAuthenticationFilter.RESPONSE_PRIORITY))
                .register(filter.requestSnapshots())
                .register(filter.pendingReplays())
                .register(filter.originGuard());
    }

    /**
     * Releases everything this environment created: the JAX-RS client built here (its connections), the IMS
     * client and its threads, and the token. Afterwards {@link #client()}, {@link #target()},
     * {@link #tokenProvider()} and {@link #applyTo} throw {@link IllegalStateException}, and so do the token
     * provider and the filters of clients configured with {@code applyTo} (those clients are yours to close).
     * Closing twice is harmless.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        EnvironmentAuthentication.closeAll(client, authentication);
    }

    /** The environment's name, URL, mode and where its credentials come from; never a secret. */
    @Override
    public String toString() {
        return "AemEnvironment[" + settings + "]";
    }

    /** Settings by method, or by property key; {@link #build()} validates them like the properties. */
    public static final class Builder {
        private final String environment;
        private final Map<String, String> properties = new HashMap<>();
        private Clock clock = Clock.systemUTC();
        private Executor renewalExecutor;
        private Supplier<ClientBuilder> clientBuilder = ClientBuilder::newBuilder;
        private HttpClient imsHttpClient;

        private Builder(String environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
        }

        /**
         * Any {@code aem.<env>.<key>} setting by its key, e.g. {@code property("refresh-ratio", "0.5")}; the
         * value is checked by {@link #build()}, as a property's would be.
         *
         * @param key the setting's key, e.g. {@code refresh-ratio}
         * @param value its value, as a property would hold it
         * @return this builder
         * @throws IllegalArgumentException for a key that is not a setting, naming the closest one
         */
        public Builder property(String key, String value) {
            Objects.requireNonNull(key, "key");
            return set(Settings.require(key, environment), Objects.requireNonNull(value, key));
        }

        private Builder set(Setting<?> setting, String value) {
            properties.put(setting.property(environment), Objects.requireNonNull(value, setting.key()));
            return this;
        }

        /**
         * {@code aem.<env>.url}: the AEM environment, e.g. {@code https://author-p12345-e67890.adobeaemcloud.com}.
         *
         * @param url the URL
         * @return this builder
         */
        public Builder url(String url) {
            return set(Settings.URL, url);
        }

        /**
         * {@code aem.<env>.credentials-file}: the service credentials JSON downloaded from the Developer Console.
         *
         * @param file the downloaded JSON file
         * @return this builder
         */
        public Builder credentialsFile(Path file) {
            return set(Settings.CREDENTIALS_FILE, file.toString());
        }

        /**
         * The service credentials JSON itself.
         *
         * @param json the JSON
         * @return this builder
         */
        public Builder credentials(String json) {
            return set(Settings.CREDENTIALS, json);
        }

        /**
         * {@code aem.<env>.token-file}: a local development token, re-read when it has expired or been rejected.
         *
         * @param file the file holding the token
         * @return this builder
         */
        public Builder tokenFile(Path file) {
            return set(Settings.TOKEN_FILE, file.toString());
        }

        /**
         * A local development token, raw or as the Developer Console's JSON.
         *
         * @param token the token
         * @return this builder
         */
        public Builder token(String token) {
            return set(Settings.TOKEN, token);
        }

        /**
         * {@code aem.<env>.username} and {@code password}: HTTP basic authentication, e.g. on the local AEM SDK.
         *
         * @param username the user
         * @param password the password
         * @return this builder
         */
        public Builder basicAuth(String username, String password) {
            return set(Settings.USERNAME, username).set(Settings.PASSWORD, password);
        }

        /**
         * {@code aem.<env>.mode}: only needed to call a remote environment anonymously ({@link AuthMode#NONE}).
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder mode(AuthMode mode) {
            return set(Settings.MODE, mode.configName());
        }

        /**
         * {@code aem.<env>.ims-url}: where the IMS exchange goes instead of {@code https://{imsEndpoint}}.
         *
         * @param url the IMS base URL
         * @return this builder
         */
        public Builder imsUrl(String url) {
            return set(Settings.IMS_URL, url);
        }

        /**
         * {@code aem.<env>.connect-timeout}, for IMS and AEM (default 10 s).
         *
         * @param timeout from 1 ms to 10 min
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            return set(Settings.CONNECT_TIMEOUT, timeout.toMillis() + "ms");
        }

        /**
         * {@code aem.<env>.read-timeout}, for IMS (the whole exchange) and AEM (default 30 s).
         *
         * @param timeout from 1 ms to 10 min
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            return set(Settings.READ_TIMEOUT, timeout.toMillis() + "ms");
        }

        /**
         * The clock token lifetimes are measured with; for tests (default: the system clock, UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * Runs background token renewals; default: a daemon thread per renewal.
         *
         * @param executor runs each renewal once; may refuse or drop tasks (a caller then renews)
         * @return this builder
         */
        public Builder renewalExecutor(Executor executor) {
            this.renewalExecutor = Objects.requireNonNull(executor);
            return this;
        }

        /**
         * Supplies the JAX-RS client builder for the calls to AEM, to configure further (providers, a connector of
         * your own). The environment then sets on it: its timeouts, its filters, redirects off, and — when set —
         * {@code trust-store} ({@code sslContext}) and {@code proxy-address} (RESTEasy's, Jersey's and Open
         * Liberty's proxy properties). The IMS exchange does not use it: see {@link #imsHttpClient}.
         *
         * @param clientBuilder called once per build
         * @return this builder
         */
        public Builder clientBuilder(Supplier<ClientBuilder> clientBuilder) {
            this.clientBuilder = Objects.requireNonNull(clientBuilder);
            return this;
        }

        /**
         * The application's own JDK client for the IMS exchange, for what the settings do not cover (a client
         * certificate, a {@code ProxySelector} with exclusions). It
         * replaces {@code trust-store} and {@code proxy-*} for IMS only (AEM calls still get them); its executor,
         * redirect policy and authenticator are used as they are, and {@link AemEnvironment#close()} leaves it
         * open. The timeouts still bound each exchange. Without it, the environment builds its own client from
         * the settings and closes it with the environment.
         *
         * @param client the client
         * @return this builder
         */
        public Builder imsHttpClient(HttpClient client) {
            this.imsHttpClient = Objects.requireNonNull(client);
            return this;
        }

        /**
         * Reads and checks every setting given to this builder and builds the environment; no token is
         * obtained yet (the first call, or {@code tokenProvider()}, does that).
         *
         * @return the environment; close it when done
         * @throws io.github.aemclient.AemConfigurationException naming each bad or missing setting (all of them
         *     at once), or the credentials' JSON field at fault
         */
        public AemEnvironment build() {
            return read(PropertyLookup.of(properties));
        }

        /**
         * Reads the {@code aem.<env>.*} settings from a configuration source of your own (MicroProfile Config,
         * say) instead of this builder's properties; clock, executor and client builder still come from this
         * builder. Blank values count as absent, as in MicroProfile Config.
         *
         * @param configuration the value of a full property name ({@code aem.author.url}), if set; an
         *     {@code AemConfigurationException} it throws is reported as it is
         * @return the environment; close it when done
         * @throws io.github.aemclient.AemConfigurationException naming each bad or missing setting
         */
        public AemEnvironment buildFrom(Function<String, Optional<String>> configuration) {
            Objects.requireNonNull(configuration, "configuration");
            if (configuration instanceof PropertyLookup lookup) {
                // The project's own sources (MicroProfile Config in the CDI extension) can list their names.
                return read(lookup);
            }
            return read(name -> Objects.requireNonNull(configuration.apply(name),
                    () -> "The configuration function returned null for " + name + "; return Optional.empty()"
                            + " for an absent value"));
        }

        private AemEnvironment read(PropertyLookup lookup) {
            EnvironmentSettings settings = imsHttpClient != null
                    ? EnvironmentSettingsReader.readWithApplicationImsClient(environment, lookup)
                    : EnvironmentSettingsReader.read(environment, lookup);
            Executor executor = renewalExecutor != null ? renewalExecutor
                    : EnvironmentAuthentication.daemonThreadPerTask(environment);
            return new AemEnvironment(settings, EnvironmentAuthentication.create(settings, clock, executor, imsHttpClient),
                    clientBuilder);
        }
    }
}

package io.github.aemclient.internal.config;

import io.github.aemclient.client.AuthMode;
import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.internal.config.EnvironmentSettings;
import io.github.aemclient.internal.credentials.OAuthCredentials;
import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.github.aemclient.internal.filter.ApiKeyAuthenticator;
import io.github.aemclient.internal.filter.BasicAuthenticator;
import io.github.aemclient.internal.filter.BearerTokenAuthenticator;
import io.github.aemclient.internal.filter.RequestAuthenticator;
import io.github.aemclient.internal.ims.ImsClient;
import io.github.aemclient.internal.json.JsonFields;
import io.github.aemclient.internal.json.JsonSyntaxException;
import io.github.aemclient.internal.jwt.JwtAssertionFactory;
import io.github.aemclient.internal.token.DeveloperTokenProvider;
import io.github.aemclient.internal.token.OAuthTokenSource;
import io.github.aemclient.internal.token.RefreshingTokenProvider;
import io.github.aemclient.internal.token.RetryingTokenSource;
import io.github.aemclient.internal.token.ServiceTokenSource;
import io.github.aemclient.internal.token.Sleeper;
import io.github.aemclient.internal.token.TokenSource;
import io.github.aemclient.internal.token.TokenState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Turns validated settings into what authenticates requests: the token provider (service and developer
 * modes) and the request authenticator. Shared by the plain-Java builder and the CDI extension.
 */
public final class EnvironmentAuthentication implements AutoCloseable {

    private final AccessTokenProvider tokenProvider;
    private final RequestAuthenticator authenticator;
    /** What this created and must release: the token provider, the IMS client and its threads. */
    private final List<AutoCloseable> resources;

    private EnvironmentAuthentication(AccessTokenProvider tokenProvider, RequestAuthenticator authenticator,
            AutoCloseable... resources) {
        this.tokenProvider = tokenProvider;
        this.authenticator = authenticator;
        this.resources = List.of(resources);
    }

    /**
     * @param renewalExecutor runs background renewals of stale service tokens
     */
    public static EnvironmentAuthentication create(EnvironmentSettings settings, Clock clock, Executor renewalExecutor) {
        return create(settings, clock, renewalExecutor, null);
    }

    /**
     * @param imsHttpClient the application's own client for the IMS exchange; null for one built from the
     *     environment's network settings
     */
    public static EnvironmentAuthentication create(EnvironmentSettings settings, Clock clock, Executor renewalExecutor,
            java.net.http.HttpClient imsHttpClient) {
        Objects.requireNonNull(clock);
        Objects.requireNonNull(renewalExecutor);
        // A switch expression with no default: a mode added to AuthMode without a case here does not
        // compile, rather than falling through to sending no credentials.
        return switch (settings.mode()) {
            case SERVICE -> {
                ServiceCredentials credentials = settings.credentials().orElseThrow();
                ImsClient ims = imsClient(settings, imsHttpClient);
                RefreshingTokenProvider provider = refreshing(settings, clock, renewalExecutor, new ServiceTokenSource(
                        credentials, new JwtAssertionFactory(credentials, clock, settings.jwtLifetime()), ims, clock));
                yield new EnvironmentAuthentication(provider, new BearerTokenAuthenticator(provider), provider, ims);
            }
            case OAUTH -> {
                OAuthCredentials credentials = settings.oauthCredentials().orElseThrow();
                // IMS's answers are read with JSON-P: a missing implementation is said now, not at the first call
                // (service mode learns it when reading the credentials).
                requireJsonP();
                ImsClient ims = imsClient(settings, imsHttpClient);
                RefreshingTokenProvider provider = refreshing(settings, clock, renewalExecutor, new OAuthTokenSource(
                        credentials, ims, clock));
                yield new EnvironmentAuthentication(provider,
                        new ApiKeyAuthenticator(new BearerTokenAuthenticator(provider), credentials.clientId()),
                        provider, ims);
            }
            case DEVELOPER -> {
                EnvironmentSettings.DeveloperTokenSetting token = settings.developerToken().orElseThrow();
                DeveloperTokenProvider provider = new DeveloperTokenProvider(settings.environment(), token.source(),
                        token.text(), token.rereadable(), clock);
                yield new EnvironmentAuthentication(provider, new BearerTokenAuthenticator(provider), provider);
            }
            case BASIC -> {
                BasicAuthenticator basic = new BasicAuthenticator(settings.username().orElseThrow(),
                        settings.password().orElseThrow());
                yield new EnvironmentAuthentication(null, basic, basic);
            }
            case NONE -> new EnvironmentAuthentication(null, RequestAuthenticator.NONE);
        };
    }

    /** @throws io.github.aemclient.AemConfigurationException when no JSON-P implementation is on the classpath */
    private static void requireJsonP() {
        try {
            JsonFields.parse("{}");
        } catch (JsonSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static ImsClient imsClient(EnvironmentSettings settings, java.net.http.HttpClient own) {
        return own != null
                ? new ImsClient(settings.imsUrl().orElseThrow(), settings.connectTimeout(), settings.readTimeout(), own)
                : new ImsClient(settings.imsUrl().orElseThrow(), settings.connectTimeout(), settings.readTimeout(),
                        settings.network());
    }

    /**
     * The random draw that spreads retries: a fresh one each time, so that the pods of a deployment, failing
     * together, do not retry together.
     */
    static final DoubleSupplier JITTER = () -> ThreadLocalRandom.current().nextDouble();

    /** Cached, renewed in the background, single flight, retried: the same for every kind of IMS credentials. */
    private static RefreshingTokenProvider refreshing(EnvironmentSettings settings, Clock clock, Executor renewalExecutor,
            TokenSource ims) {
        TokenSource source = new RetryingTokenSource(settings.environment(), ims, settings.retryPolicy(), clock,
                Sleeper.threadSleep(), JITTER);
        return new RefreshingTokenProvider(settings.environment(), source, clock, settings.refreshPolicy(),
                renewalExecutor, longestWaitForARenewal(settings));
    }

    /**
     * How long a caller waits for a renewal another thread runs: as long as that renewal can take — its retry
     * budget plus one last attempt's HTTP timeouts, and a second for scheduling — and never longer.
     */
    static Duration longestWaitForARenewal(EnvironmentSettings settings) {
        return settings.retryPolicy().maxDuration().plus(settings.connectTimeout()).plus(settings.readTimeout())
                .plusSeconds(1);
    }

    /** The token provider's state (service, OAuth and developer modes), read without obtaining anything. */
    public Optional<TokenState> tokenState() {
        if (tokenProvider instanceof RefreshingTokenProvider refreshing) {
            return Optional.of(refreshing.heldState());
        }
        if (tokenProvider instanceof DeveloperTokenProvider developer) {
            return Optional.of(developer.heldState());
        }
        return Optional.empty();
    }

    /** A daemon thread per renewal: renewals are rare (twice a day), so no pool is kept alive. */
    public static Executor daemonThreadPerTask(String environment) {
        return task -> {
            Thread thread = new Thread(task, "aem-token-renewal-" + environment);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /**
     * Releases what this created: the token provider refuses further calls, the IMS client's threads end.
     * Closing twice is harmless.
     */
    @Override
    public void close() {
        closeAll(resources.toArray(AutoCloseable[]::new));
    }

    /**
     * Closes every one of {@code resources}, even when some fail: the first failure is thrown (a checked one
     * wrapped), the others suppressed in it, so one resource failing never leaves the rest open.
     */
    public static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException unchecked ? unchecked
                            : new IllegalStateException("Releasing " + resource + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Absent for basic-auth and anonymous environments, which have no token. */
    public Optional<AccessTokenProvider> tokenProvider() {
        return Optional.ofNullable(tokenProvider);
    }

    public RequestAuthenticator authenticator() {
        return authenticator;
    }
}

package io.github.aemclient.internal.config;

import io.github.aemclient.client.AuthMode;
import io.github.aemclient.internal.credentials.OAuthCredentials;
import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.github.aemclient.internal.network.Network;
import io.github.aemclient.internal.token.RefreshPolicy;
import io.github.aemclient.internal.token.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One environment's validated settings: everything needed to authenticate calls to it. Built only by
 * {@link EnvironmentSettingsReader}, so an instance is always complete and consistent.
 * {@link #toString()} shows no secret.
 */
public final class EnvironmentSettings {

    private final String environment;
    private final URI url;
    private final AuthMode mode;
    private final ServiceCredentials credentials;
    private final OAuthCredentials oauthCredentials;
    private final URI imsUrl;
    private final DeveloperTokenSetting developerToken;
    private final String username;
    private final String password;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration jwtLifetime;
    private final RefreshPolicy refreshPolicy;
    private final RetryPolicy retryPolicy;
    private final boolean eager;
    private final Network network;

    EnvironmentSettings(String environment, URI url, AuthMode mode, ServiceCredentials credentials,
            OAuthCredentials oauthCredentials, URI imsUrl,
            DeveloperTokenSetting developerToken, String username, String password, Duration connectTimeout,
            Duration readTimeout, Duration jwtLifetime, RefreshPolicy refreshPolicy, RetryPolicy retryPolicy,
            boolean eager, Network network) {
        this.environment = Objects.requireNonNull(environment);
        this.url = url;
        this.mode = Objects.requireNonNull(mode);
        this.credentials = credentials;
        this.oauthCredentials = oauthCredentials;
        this.imsUrl = imsUrl;
        this.developerToken = developerToken;
        this.username = username;
        this.password = password;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.jwtLifetime = jwtLifetime;
        this.refreshPolicy = refreshPolicy;
        this.retryPolicy = retryPolicy;
        this.eager = eager;
        this.network = Objects.requireNonNull(network);
    }

    /** The trust store and proxy for IMS and AEM ({@code trust-store*}, {@code proxy-*}). */
    public Network network() {
        return network;
    }

    public String environment() {
        return environment;
    }

    /** The AEM URL ({@code aem.<env>.url}); absent only when read for token-only use (the CLI's {@code token}). */
    public Optional<URI> url() {
        return Optional.ofNullable(url);
    }

    public AuthMode mode() {
        return mode;
    }

    /** Present in {@link AuthMode#SERVICE}. */
    public Optional<ServiceCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** Present in {@link AuthMode#OAUTH}. */
    public Optional<OAuthCredentials> oauthCredentials() {
        return Optional.ofNullable(oauthCredentials);
    }

    /** Where the IMS exchange goes: {@code aem.<env>.ims-url}, else {@code https://{imsEndpoint}} in service mode, {@code https://ims-na1.adobelogin.com} in oauth mode. */
    public Optional<URI> imsUrl() {
        return Optional.ofNullable(imsUrl);
    }

    /** Present in {@link AuthMode#DEVELOPER}. */
    public Optional<DeveloperTokenSetting> developerToken() {
        return Optional.ofNullable(developerToken);
    }

    /** Present in {@link AuthMode#BASIC}. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** Present in {@link AuthMode#BASIC}. A secret. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration jwtLifetime() {
        return jwtLifetime;
    }

    public RefreshPolicy refreshPolicy() {
        return refreshPolicy;
    }

    /** How transient IMS failures are retried ({@code retry-max-attempts}, {@code retry-max-duration}). */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Obtain the first token at start-up rather than on the first call ({@code aem.<env>.eager}). */
    public boolean eager() {
        return eager;
    }

    @Override
    public String toString() {
        return "EnvironmentSettings[environment=" + environment + ", url=" + url + ", mode=" + mode.configName()
                + (credentials != null ? ", credentials=" + credentials.source() + ", imsUrl=" + imsUrl : "")
                + (oauthCredentials != null ? ", " + oauthCredentials + ", imsUrl=" + imsUrl : "")
                + (developerToken != null ? ", token=" + developerToken.source() : "")
                + (username != null ? ", username=" + username + ", password=<redacted>" : "")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + (network.isDefault() ? "" : ", " + network) + "]";
    }

    /** Where a local development token is read from; re-readable when it is a file. */
    public static final class DeveloperTokenSetting {
        private final String source;
        private final Supplier<String> text;
        private final boolean rereadable;

        DeveloperTokenSetting(String source, Supplier<String> text, boolean rereadable) {
            this.source = source;
            this.text = text;
            this.rereadable = rereadable;
        }

        public String source() {
            return source;
        }

        public Supplier<String> text() {
            return text;
        }

        public boolean rereadable() {
            return rereadable;
        }
    }
}

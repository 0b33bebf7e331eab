package io.github.aemclient.internal.config;

import io.github.aemclient.client.AuthMode;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.internal.config.EnvironmentAuthentication;
import io.github.aemclient.internal.credentials.OAuthCredentials;
import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.github.aemclient.internal.credentials.ServiceCredentialsReader;
import io.github.aemclient.internal.filter.RequestAuthenticator;
import io.github.aemclient.testkit.TestCredentials;
import io.github.aemclient.internal.token.RefreshPolicy;
import io.github.aemclient.internal.token.RetryPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link EnvironmentAuthentication} for every {@link AuthMode}, given settings that hold every kind of
 * credential: a mode that sends credentials must get an authenticator that sends them, never the one that
 * sends nothing. (Its switch is exhaustive, so a new mode without a case there does not compile.) In the
 * config package to build settings of any mode directly.
 */
class AuthModeDispatchTest {

    static final ServiceCredentials CREDENTIALS = ServiceCredentialsReader.fromJson(TestCredentials.generate().json(),
            "test");

    static String developerToken() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"created_at\":" + Instant.now().toEpochMilli() + ",\"expires_in\":86400000}";
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    static EnvironmentSettings settings(AuthMode mode) {
        String token = developerToken();
        return new EnvironmentSettings("author", URI.create("https://author.example.com"), mode, CREDENTIALS,
                new OAuthCredentials("client", "secret", List.of("openid"), "test"), URI.create("https://ims.example.com"),
                new EnvironmentSettings.DeveloperTokenSetting("aem.author.token", () -> token, false),
                "admin", "admin-password", Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(5),
                RefreshPolicy.defaults(), RetryPolicy.defaults(), false,
                io.github.aemclient.internal.network.Network.JVM_DEFAULTS);
    }

    @ParameterizedTest
    @EnumSource(AuthMode.class)
    void aModeThatSendsCredentialsGetsAnAuthenticatorThatSendsThem(AuthMode mode) {
        EnvironmentAuthentication authentication = EnvironmentAuthentication.create(settings(mode), Clock.systemUTC(),
                Runnable::run);

        if (mode.sendsCredentials()) {
            assertThat(authentication.authenticator()).as(mode.configName()).isNotSameAs(RequestAuthenticator.NONE);
        } else {
            assertThat(authentication.authenticator()).isSameAs(RequestAuthenticator.NONE);
            assertThat(authentication.tokenProvider()).isEmpty();
        }
    }
}

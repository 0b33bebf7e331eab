package io.github.aemclient.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AccessTokenProvider;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the authenticators show of themselves (never a secret), and what they refuse. */
class AuthenticatorsTest {

    @Test
    void aBasicUsernameCannotHoldAColonAnywhere() {
        assertThatThrownBy(() -> new BasicAuthenticator(":admin", "pw")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A basic-auth username cannot contain ':'");
        assertThatThrownBy(() -> new BasicAuthenticator("ad:min", "pw")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFilterShowsItsOriginAndAuthenticatorButNoSecret() {
        AemAuthenticationFilter basic = new AemAuthenticationFilter(Origin.of(URI.create("http://localhost:4502")),
                new BasicAuthenticator("admin", "s3cret-pw"));

        assertThat(basic).hasToString("AemAuthenticationFilter[origin=http://localhost:4502,"
                + " BasicAuthenticator[username=admin, password=<redacted>]]");
    }

    @Test
    void theBearerAuthenticatorShowsItsProviderNotItsToken() {
        AccessToken token = new AccessToken("eyJ-secret-token", Instant.EPOCH, Instant.EPOCH.plusSeconds(60));
        AccessTokenProvider provider = new AccessTokenProvider() {
            @Override
            public AccessToken getAccessToken() {
                return token;
            }

            @Override
            public void invalidate(AccessToken rejected) {
            }

            @Override
            public String toString() {
                return "TheProvider";
            }
        };

        assertThat(new BearerTokenAuthenticator(provider)).hasToString("BearerTokenAuthenticator[TheProvider]");
    }
}

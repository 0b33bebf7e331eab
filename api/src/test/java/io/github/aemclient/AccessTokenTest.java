package io.github.aemclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessTokenTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void toStringNeverShowsTheValue() {
        AccessToken token = new AccessToken("eyJsecret-token-value", T0, T0.plusSeconds(3600));

        assertThat(token.toString())
                .doesNotContain("eyJ")
                .doesNotContain("secret-token-value")
                .contains("2026-01-01T01:00:00Z");
    }

    @Test
    void isExpiredFromItsExpiryInstantOn() {
        AccessToken token = new AccessToken("v", T0, T0.plusSeconds(10));

        assertThat(token.isExpiredAt(T0.plusSeconds(9))).isFalse();
        assertThat(token.isExpiredAt(T0.plusSeconds(10))).isTrue();
    }

    @Test
    void equalityFollowsValueAndExpiry() {
        assertThat(new AccessToken("v", T0, T0.plusSeconds(10)))
                .isEqualTo(new AccessToken("v", T0.plusSeconds(1), T0.plusSeconds(10)))
                .isNotEqualTo(new AccessToken("w", T0, T0.plusSeconds(10)))
                .isNotEqualTo(new AccessToken("v", T0, T0.plusSeconds(11)));
    }

    @Test
    void rejectsBlankValueAndExpiryBeforeIssue() {
        assertThatThrownBy(() -> new AccessToken(" ", T0, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccessToken("v", T0, T0.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void literalQualifierCarriesTheEnvironment() {
        assertThat(AemClient.Literal.of("author").value()).isEqualTo("author");
        assertThat(AemClient.Literal.of("author")).isEqualTo(AemClient.Literal.of("author"));
    }

    @Test
    void imsConfigurationErrorsAreThe4xxThatRetryingCannotFix() {
        assertThat(new ImsException("m", 400, "invalid_client", "d").isConfigurationError()).isTrue();
        assertThat(new ImsException("m", 500, "internal_error", "d").isConfigurationError()).isFalse();
        assertThat(new ImsException("m", 429, null, null).isConfigurationError()).isFalse();
    }
}

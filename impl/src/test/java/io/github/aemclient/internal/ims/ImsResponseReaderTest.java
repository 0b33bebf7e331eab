package io.github.aemclient.internal.ims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aemclient.ImsException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The edges of reading IMS's answers: lifetimes at their bounds, excerpts at their length, shapes. */
class ImsResponseReaderTest {

    static final String MAX = Long.toString(ImsResponseReader.MAX_LIFETIME.toMillis());

    static ImsTokenResponse read200(String expiresIn) {
        return ImsResponseReader.read(200, "{\"token_type\":\"bearer\",\"access_token\":\"t\",\"expires_in\":" + expiresIn
                + "}", null, List.of());
    }

    static ImsException refusal(String body) {
        return catchThrowableOfType(ImsException.class,
                () -> ImsResponseReader.read(400, body, null, List.of()));
    }

    @Test
    void lifetimesFromOneMillisecondToSevenDaysAreTaken() {
        assertThat(read200("1").expiresIn()).isEqualTo(Duration.ofMillis(1));
        assertThat(read200(MAX).expiresIn()).isEqualTo(ImsResponseReader.MAX_LIFETIME);
    }

    @Test
    void lifetimesOutsideThemAreRefused() {
        assertThatThrownBy(() -> read200("0")).isInstanceOf(ImsException.class)
                .hasMessageContaining("expires_in is 0 ms, outside 1 ms to 7 days");
        assertThatThrownBy(() -> read200(Long.toString(ImsResponseReader.MAX_LIFETIME.toMillis() + 1)))
                .isInstanceOf(ImsException.class).hasMessageContaining("outside 1 ms to 7 days");
    }

    @Test
    void anExcerptKeepsTwoHundredCharactersAndMarksWhatItCuts() {
        String exactly = "a".repeat(200);

        assertThat(ImsResponseReader.excerpt(exactly, List.of())).isEqualTo(exactly);
        assertThat(ImsResponseReader.excerpt(exactly + "b", List.of())).isEqualTo(exactly + "...");
        assertThat(ImsResponseReader.excerpt("secret in\r\nthe middle", List.of("secret")))
                .isEqualTo("<redacted> in the middle");
    }

    @Test
    void aBodyThatMustNotBeQuotedIsDescribedByItsShapeOnly() {
        assertThat(ImsResponseReader.shape("{\"access_token\":\"abc")).isEqualTo("20 characters starting with '{'");
        assertThat(ImsResponseReader.shape("eyJhbGciOi")).isEqualTo("10 characters starting with neither '{' nor '<'");
        assertThat(ImsResponseReader.shape("  \n")).isEqualTo("3 characters of white space");
        assertThat(ImsResponseReader.shape("<html>")).isEqualTo("6 characters starting with '<'");
    }

    @Test
    void anErrorWithoutADescriptionIsNamedByItsCodeAlone() {
        ImsException e = refusal("{\"error\":\"invalid_scope\"}");

        assertThat(e).hasMessage("IMS refused the token exchange: HTTP 400 invalid_scope: a metascope in the"
                + " credentials is not granted to this integration");
        assertThat(e.errorDescription()).isEmpty();
    }

    @Test
    void anUnknownErrorCodeHasNoHint() {
        ImsException e = refusal("{\"error\":\"unsupported_grant_type\",\"error_description\":\"no\"}");

        assertThat(e).hasMessage("IMS refused the token exchange: HTTP 400 unsupported_grant_type (no)");
    }
}

package io.github.aemclient.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OAuthCredentialsTest {

    @Test
    void toStringNamesWhereTheSecretCameFromAndNeverShowsIt() {
        OAuthCredentials credentials = new OAuthCredentials("client-1", "p8e-s3cr3t", List.of("openid", "AdobeID"),
                "aem.assets.client-secret-file /run/secrets/assets");

        assertThat(credentials).hasToString("OAuthCredentials[clientId=client-1, scopes=openid,AdobeID, secret from"
                + " aem.assets.client-secret-file /run/secrets/assets]");
        assertThat(credentials.toString()).doesNotContain("p8e-s3cr3t");
    }

    @Test
    void blankPartsAreRefusedByName() {
        assertThatThrownBy(() -> new OAuthCredentials(" ", "secret", List.of("openid"), "x"))
                .hasMessage("clientId must not be blank");
        assertThatThrownBy(() -> new OAuthCredentials("client", "", List.of("openid"), "x"))
                .hasMessage("clientSecret must not be blank");
        assertThatThrownBy(() -> new OAuthCredentials("client", "secret", List.of(), "x"))
                .hasMessage("scopes must not be empty");
    }
}

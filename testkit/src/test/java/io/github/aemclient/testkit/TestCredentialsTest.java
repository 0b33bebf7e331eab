package io.github.aemclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TestCredentialsTest {

    @Test
    void hasTheDeveloperConsoleShape() {
        TestCredentials credentials = TestCredentials.generate();
        JsonObject json = Json.createReader(new StringReader(credentials.json())).readObject();

        assertThat(json.getBoolean("ok")).isTrue();
        assertThat(json.getInt("statusCode")).isEqualTo(200);
        JsonObject integration = json.getJsonObject("integration");
        assertThat(integration.keySet()).containsExactlyInAnyOrder("imsEndpoint", "metascopes", "technicalAccount",
                "email", "id", "org", "privateKey", "publicKey");
        assertThat(integration.getString("metascopes")).isEqualTo("ent_aem_cloud_sdk,ent_cloudmgr_sdk");
        assertThat(integration.getString("org")).endsWith("@AdobeOrg");
        assertThat(integration.getString("id")).endsWith("@techacct.adobe.com");
        assertThat(integration.getString("privateKey")).startsWith("-----BEGIN RSA PRIVATE KEY-----\r\n")
                .endsWith("-----END RSA PRIVATE KEY-----\r\n");
        assertThat(integration.getString("publicKey")).startsWith("-----BEGIN CERTIFICATE-----\r\n");
        assertThat(credentials.toString()).doesNotContain(credentials.clientSecret());
    }

    @Test
    void jsonEditsReachNestedFields() {
        TestCredentials credentials = TestCredentials.generate();
        JsonObject edited = TestCredentials.JsonEdit.remove(credentials.integration(), "technicalAccount.clientId");

        assertThat(edited.getJsonObject("technicalAccount").keySet()).containsExactly("clientSecret");
    }
}

package io.github.aemclient.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.internal.network.BasicTunnelling;
import io.github.aemclient.internal.network.TrustStore;
import io.github.aemclient.testkit.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code trust-store*} and {@code proxy-*}: read and checked when the environment is built. */
class NetworkSettingsTest {

    static final TestTls TLS = TestTls.generate();
    static final String AEM = "https://author-p123-e456.adobeaemcloud.com";

    @TempDir
    Path dir;

    final Map<String, String> properties = new HashMap<>(Map.of("aem.author.url", AEM, "aem.author.client-id", "id",
            "aem.author.client-secret", "secret", "aem.author.scopes", "openid"));

    EnvironmentSettings read() {
        return EnvironmentSettingsReader.read("author", PropertyLookup.of(properties));
    }

    NetworkSettingsTest set(String key, String value) {
        properties.put("aem.author." + key, value);
        return this;
    }

    void assertProblem(String property, String... messages) {
        assertThatThrownBy(this::read)
                .isInstanceOfSatisfying(AemConfigurationException.class, e -> assertThat(e.source()).isEqualTo(property))
                .hasMessageContainingAll(messages);
    }

    @Test
    void noneSetMeansTheJvmDefaults() {
        assertThat(read().network().isDefault()).isTrue();
        assertThat(read().toString()).doesNotContain("proxy").doesNotContain("trustStore");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PEM", "PKCS12", "JKS"})
    void eachKindOfTrustStoreIsToldFromItsContent(String type) {
        Path store = TLS.writeTrustStore(dir.resolve("store.bin"), type, "pw");
        set("trust-store", store.toString());
        if (!type.equals("PEM")) {
            set("trust-store-password", "pw");
        }
        assertThat(read().network().trustStore()).hasValueSatisfying(t ->
                assertThat(t.toString()).contains(type + ", 1 certificate"));
        assertThat(read().toString()).doesNotContain("=pw").contains(store.toString());
    }

    @Test
    void pemBundlesWithCommentsOrAByteOrderMarkOrOpensslTextAreToldFromTheirContent() throws Exception {
        String pem = TLS.certificatePem();
        for (String content : new String[] {"# Corporate Root CA\n" + pem, "\uFEFF" + pem,
            "Bag Attributes\n    friendlyName: corp\nsubject=CN = localhost\n" + pem}) {
            Path file = Files.writeString(dir.resolve("bundle.crt"), content);
            properties.put("aem.author.trust-store", file.toString());
            assertThat(read().network().trustStore()).hasValueSatisfying(t -> assertThat(t.toString())
                    .contains("PEM, 1 certificate"));
        }
    }

    @Test
    void binaryCertificatesAndPkcs7BundlesAsWindowsExportsThemAreRead() throws Exception {
        byte[] pkcs7 = java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertPath(java.util.List.of(TLS.certificate())).getEncoded("PKCS7");
        String pemPkcs7 = "-----BEGIN PKCS7-----\n" + java.util.Base64.getMimeEncoder().encodeToString(pkcs7)
                + "\n-----END PKCS7-----\n";
        Path cer = Files.write(dir.resolve("corp.cer"), TLS.certificate().getEncoded());
        Path p7b = Files.write(dir.resolve("corp.p7b"), pkcs7);
        Path p7bPem = Files.writeString(dir.resolve("corp-pem.p7b"), pemPkcs7);
        for (Path file : new Path[] {cer, p7b, p7bPem}) {
            properties.put("aem.author.trust-store", file.toString());
            assertThat(read().network().trustStore()).as(file.toString()).hasValueSatisfying(t ->
                    assertThat(t.toString()).contains("1 certificate"));
        }
        set("trust-store", cer.toString()).set("trust-store-type", "DER");
        assertThat(read().network().trustStore()).hasValueSatisfying(t -> assertThat(t.toString()).contains("DER"));
    }

    @Test
    void aStoreOfKeysWithItsPasswordSaysItHoldsNoTrustedEntryAndHowToMakeOne() throws Exception {
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair();
        keys.setKeyEntry("key", pair.getPrivate(), "pw".toCharArray(), new java.security.cert.Certificate[] {
            TLS.certificate()});
        Path file = dir.resolve("keys.p12");
        try (var out = Files.newOutputStream(file)) {
            keys.store(out, "pw".toCharArray());
        }
        set("trust-store", file.toString()).set("trust-store-password", "pw");
        assertProblem("aem.author.trust-store", "holds no trusted certificate entry", "keytool -importcert");
        assertThatThrownBy(this::read).hasMessageNotContaining("check aem.author.trust-store-password");
    }

    @Test
    void aBundleCountsItsCertificates() throws Exception {
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), TLS.certificatePem() + TestTls.generate().certificatePem());
        set("trust-store", bundle.toString());
        assertThat(read().network().trustStore()).hasValueSatisfying(t ->
                assertThat(t.toString()).endsWith("(PEM, 2 certificates)"));
    }

    @Test
    void aMissingTrustStoreFileIsNamed() {
        set("trust-store", dir.resolve("nope.pem").toString());
        assertProblem("aem.author.trust-store", "aem.author.trust-store: there is no file " + dir.resolve("nope.pem"));
    }

    @Test
    void aWrongTrustStorePasswordPointsAtThePasswordSettingAndDoesNotShowIt() {
        Path store = TLS.writeTrustStore(dir.resolve("store.p12"), "PKCS12", "right-password");
        set("trust-store", store.toString()).set("trust-store-password", "wrong-password");
        assertProblem("aem.author.trust-store", "wrong password?", "check aem.author.trust-store-password");
        assertThatThrownBy(this::read).hasMessageNotContaining("wrong-password").hasMessageNotContaining("right-password");
    }

    @Test
    void aProtectedStoreWithoutItsPasswordAsksForIt() {
        Path store = TLS.writeTrustStore(dir.resolve("store.p12"), "PKCS12", "pw");
        set("trust-store", store.toString());
        assertProblem("aem.author.trust-store", "holds no trusted certificate", "check aem.author.trust-store-password");
    }

    @Test
    void aPemFileWithoutCertificatesIsRefused() throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        set("trust-store", key.toString());
        assertProblem("aem.author.trust-store", "holds no PEM certificate");
    }

    @Test
    void aBrokenPemCertificateIsRefused() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.pem"),
                "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        set("trust-store", broken.toString());
        assertProblem("aem.author.trust-store", "cannot be read (certificate 1: ");
        Files.writeString(broken, TLS.certificatePem() + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertProblem("aem.author.trust-store", "cannot be read (certificate 2: ");
    }

    @Test
    void aPemCertificateWithoutItsEndLineIsRefused() throws Exception {
        String pem = TLS.certificatePem();
        Path cut = Files.writeString(dir.resolve("cut.pem"), pem + pem.substring(0, pem.indexOf("-----END")));
        set("trust-store", cut.toString());
        assertProblem("aem.author.trust-store", "certificate 2 has no -----END CERTIFICATE----- line");
    }

    @Test
    void aFileThatIsNoKeyStoreIsRefusedNamingTheKindsRead() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        set("trust-store", text.toString());
        assertProblem("aem.author.trust-store", "is not a PKCS12 key store", "PEM certificates, PKCS12 and JKS stores"
                + " and DER certificates are read");
    }

    @Test
    void aTypeThatDoesNotMatchTheFileIsRefused() {
        Path pem = TLS.writeTrustStore(dir.resolve("store.pem"), "PEM", "");
        set("trust-store", pem.toString()).set("trust-store-type", "JKS");
        assertProblem("aem.author.trust-store", "is not a JKS key store");
    }

    @Test
    void anUnknownTypeIsRefused() {
        Path pem = TLS.writeTrustStore(dir.resolve("store.pem"), "PEM", "");
        set("trust-store", pem.toString()).set("trust-store-type", "p7b");
        assertProblem("aem.author.trust-store-type", "allowed: PKCS12, JKS, PEM, DER");
    }

    @Test
    void aPasswordOrTypeWithoutAStoreIsAMistakeNamed() {
        set("trust-store-password", "pw");
        assertProblem("aem.author.trust-store-password", "is set but aem.author.trust-store is not");
    }

    @Test
    void theProxyAddressIsHostColonPort() {
        set("proxy-address", "proxy.example.com:3128");
        assertThat(read().network().proxy()).hasValueSatisfying(p -> {
            assertThat(p.host()).isEqualTo("proxy.example.com");
            assertThat(p.port()).isEqualTo(3128);
            assertThat(p.user()).isEmpty();
        });
        set("proxy-address", "[::1]:8080");
        assertThat(read().network().proxy()).hasValueSatisfying(p -> assertThat(p.address()).isEqualTo("[::1]:8080"));
    }

    @Test
    void aProxyAddressWithUserInfoIsRefusedWithoutShowingIt() {
        set("proxy-address", "http://svc:S3cr3t-PW@proxy.corp:3128");
        assertProblem("aem.author.proxy-address", "without user info", "proxy-user and proxy-password");
        assertThatThrownBy(this::read).hasMessageNotContaining("S3cr3t-PW").hasMessageNotContaining("svc:");
    }

    @Test
    void proxyCredentialsOutsidePrintableAsciiAreRefusedWithoutShowingThem() {
        set("proxy-address", "proxy.example.com:3128").set("proxy-user", "me").set("proxy-password", "pässwörd€");
        assertProblem("aem.author.proxy-password", "outside printable ASCII", "not shown");
        assertThatThrownBy(this::read).hasMessageNotContaining("pässwörd");
        set("proxy-user", "mé").set("proxy-password", "ascii");
        assertProblem("aem.author.proxy-user", "outside printable ASCII");
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.com", "http://proxy.example.com:3128", "proxy.example.com:0",
        "proxy.example.com:65536", ":3128", "proxy.example.com:port", "proxy example.com:3128", "fe80::1",
        "proxy:3128:1", "::1:3128", "proxy.example.com:3128/path"})
    void aProxyAddressThatIsNotHostColonPortIsRefused(String address) {
        set("proxy-address", address);
        assertProblem("aem.author.proxy-address", "use host:port");
    }

    @Test
    void aProxyUserNeedsAPasswordAndAnAddress() {
        set("proxy-address", "proxy.example.com:3128").set("proxy-user", "me");
        assertProblem("aem.author.proxy-password", "is missing (aem.author.proxy-user is set)");
        properties.clear();
        properties.putAll(Map.of("aem.author.url", AEM, "aem.author.mode", "none"));
        set("proxy-user", "me").set("proxy-password", "pw");
        assertProblem("aem.author.proxy-address", "aem.author.proxy-user is set but aem.author.proxy-address is not");
        properties.remove("aem.author.proxy-user");
        set("proxy-address", "proxy.example.com:3128");
        assertProblem("aem.author.proxy-user", "is missing (aem.author.proxy-password is set)");
    }

    @Test
    void theProxyPasswordNeverShows() {
        set("proxy-address", "proxy.example.com:3128").set("proxy-user", "me").set("proxy-password", "s3cret-pw");
        EnvironmentSettings settings = read();
        assertThat(settings.toString()).contains("proxy.example.com:3128 as me").doesNotContain("s3cret-pw");
        assertThat(settings.network().proxy().orElseThrow().password()).contains("s3cret-pw");
    }

    @Test
    void aJvmThatWillNotSendBasicToATunnelIsToldHowToAllowIt() {
        set("proxy-address", "proxy.example.com:3128").set("proxy-user", "me").set("proxy-password", "pw");
        String before = System.getProperty(BasicTunnelling.PROPERTY);
        System.setProperty(BasicTunnelling.PROPERTY, "Digest, Basic");
        try {
            assertProblem("aem.author.proxy-user", "this JVM does not send Basic credentials",
                    "-Djdk.http.auth.tunneling.disabledSchemes=");
        } finally {
            if (before == null) {
                System.clearProperty(BasicTunnelling.PROPERTY);
            } else {
                System.setProperty(BasicTunnelling.PROPERTY, before);
            }
        }
        System.setProperty(BasicTunnelling.PROPERTY, "Basic");
        try {
            assertThat(EnvironmentSettingsReader.readWithApplicationImsClient("author", PropertyLookup.of(properties))
                    .network().proxy()).as("IMS through the application's own client: nothing asked of the JVM")
                    .isPresent();
        } finally {
            if (before == null) {
                System.clearProperty(BasicTunnelling.PROPERTY);
            } else {
                System.setProperty(BasicTunnelling.PROPERTY, before);
            }
        }
        // This suite runs with the scheme allowed, so the same settings are accepted.
        assertThat(read().network().proxy()).isPresent();
    }

    @Test
    void theTrustStoreTypeNamesAreCaseInsensitive() {
        assertThat(TrustStore.Type.of(" pkcs12 ")).isEqualTo(TrustStore.Type.PKCS12);
    }
}

package io.github.aemclient.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.testkit.TestCredentials;
import io.github.aemclient.testkit.TestCredentials.JsonEdit;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceCredentialsReaderTest {

    static final TestCredentials CREDENTIALS = TestCredentials.generate();

    @TempDir
    Path dir;

    @Test
    void readsTheDeveloperConsoleDownload() {
        ServiceCredentials read = ServiceCredentialsReader.fromJson(CREDENTIALS.json(), "creds.json");

        assertThat(read.imsEndpoint()).isEqualTo("ims-na1.adobelogin.com");
        assertThat(read.metascopes()).containsExactly("ent_aem_cloud_sdk", "ent_cloudmgr_sdk");
        assertThat(read.clientId()).isEqualTo(CREDENTIALS.clientId());
        assertThat(read.clientSecret()).isEqualTo(CREDENTIALS.clientSecret());
        assertThat(read.technicalAccountId()).isEqualTo(CREDENTIALS.technicalAccountId());
        assertThat(read.org()).isEqualTo(CREDENTIALS.org());
        assertThat(read.privateKey().getModulus()).isEqualTo(CREDENTIALS.publicKey().getModulus());
        assertThat(read.certificateExpiresAt()).contains(CREDENTIALS.certificate().getNotAfter().toInstant());
    }

    /** Some exports carry the field empty: that is a file without a certificate, not a broken one. */
    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "\r\n"})
    void aBlankCertificateIsNoCertificate(String blank) {
        ServiceCredentials read = ServiceCredentialsReader.fromJson(
                CREDENTIALS.json(i -> JsonEdit.set(i, "publicKey", Json.createValue(blank))), "creds.json");

        assertThat(read.certificateExpiresAt()).isEmpty();
        assertThat(read.clientId()).isEqualTo(CREDENTIALS.clientId());
    }

    @Test
    void aPrivateKeyWhereTheCertificateGoesIsSaidToBeSwapped() {
        String swapped = CREDENTIALS.json(i -> JsonEdit.set(i, "publicKey", Json.createValue(CREDENTIALS.privateKeyPem())));

        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(swapped, "creds.json"))
                .hasMessageContaining("integration.publicKey holds a 'RSA PRIVATE KEY' block, not an X.509 certificate"
                        + " (are privateKey and publicKey swapped?)");
    }

    @Test
    void theConsoleWritesPkcs1KeysWithCrLf() {
        assertThat(CREDENTIALS.privateKeyPem()).startsWith("-----BEGIN RSA PRIVATE KEY-----\r\n").endsWith("\r\n");
    }

    @Test
    void readsTheBareIntegrationObject() {
        ServiceCredentials read = ServiceCredentialsReader.fromJson(CREDENTIALS.integrationJson(), "inline");

        assertThat(read.clientId()).isEqualTo(CREDENTIALS.clientId());
    }

    @Test
    void readsPkcs8Keys() {
        TestCredentials pkcs8 = TestCredentials.builder().keyPair(CREDENTIALS.keyPair()).pkcs8().build();
        assertThat(pkcs8.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");

        ServiceCredentials read = ServiceCredentialsReader.fromJson(pkcs8.json(), "pkcs8.json");

        assertThat(read.privateKey().getModulus()).isEqualTo(CREDENTIALS.publicKey().getModulus());
    }

    @Test
    void readsKeysWithUnixLineEndsAndWithLiteralEscapes() {
        String lf = CREDENTIALS.json(i -> JsonEdit.set(i, "privateKey",
                Json.createValue(CREDENTIALS.privateKeyPem().replace("\r\n", "\n"))));
        String escaped = CREDENTIALS.json(i -> JsonEdit.set(i, "privateKey",
                Json.createValue(CREDENTIALS.privateKeyPem().replace("\r\n", "\\r\\n"))));

        assertThat(ServiceCredentialsReader.fromJson(lf, "lf").privateKey()).isNotNull();
        assertThat(ServiceCredentialsReader.fromJson(escaped, "escaped").privateKey()).isNotNull();
    }

    @Test
    void ignoresUnknownFieldsAndTakesAMetascopeArray() {
        String json = CREDENTIALS.json(i -> JsonEdit.set(JsonEdit.set(i, "newField", Json.createValue("x")),
                "metascopes", Json.createArrayBuilder().add("ent_aem_cloud_sdk").build()));

        assertThat(ServiceCredentialsReader.fromJson(json, "x").metascopes()).containsExactly("ent_aem_cloud_sdk");
    }

    @Test
    void certificateIsOptional() {
        ServiceCredentials read = ServiceCredentialsReader.fromJson(
                CREDENTIALS.json(i -> JsonEdit.remove(i, "publicKey")), "x");

        assertThat(read.certificate()).isEmpty();
    }

    static Stream<String> requiredFields() {
        return Stream.of("imsEndpoint", "metascopes", "technicalAccount", "technicalAccount.clientId",
                "technicalAccount.clientSecret", "id", "org", "privateKey");
    }

    @ParameterizedTest
    @MethodSource("requiredFields")
    void eachMissingRequiredFieldIsNamedByItsPath(String field) {
        String json = CREDENTIALS.json(i -> JsonEdit.remove(i, field));

        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(json, "creds.json"))
                .isInstanceOfSatisfying(AemConfigurationException.class,
                        e -> assertThat(e.source()).isEqualTo("integration." + field))
                .hasMessageContaining("creds.json")
                .hasMessageContaining("integration." + field + " is missing");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("imsEndpoint", Json.createValue(42), "must be a string but is a number"),
                Arguments.of("technicalAccount", Json.createValue("x"), "must be an object but is a string"),
                Arguments.of("technicalAccount.clientId", JsonValue.TRUE, "must be a string but is a boolean"),
                Arguments.of("technicalAccount.clientSecret", Json.createArrayBuilder().build(), "must be a string but is an array"),
                Arguments.of("org", Json.createValue(""), "is empty"),
                Arguments.of("metascopes", Json.createValue(" , "), "is empty"),
                Arguments.of("metascopes", Json.createValue(7), "must be a comma-separated string"),
                Arguments.of("imsEndpoint", Json.createValue("https://ims-na1.adobelogin.com"), "must be a host name"),
                Arguments.of("privateKey", Json.createValue("not a key"), "is not in PEM format"),
                Arguments.of("publicKey", Json.createValue("-----BEGIN CERTIFICATE-----\r\nAAAA\r\n-----END CERTIFICATE-----"),
                        "is not a readable X.509 certificate"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void wrongTypedOrInvalidFieldsAreNamed(String field, JsonValue value, String problem) {
        String json = CREDENTIALS.json(i -> JsonEdit.set(i, field, value));

        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(json, "creds.json"))
                .isInstanceOfSatisfying(AemConfigurationException.class,
                        e -> assertThat(e.source()).isEqualTo("integration." + field))
                .hasMessageContaining("integration." + field + " " + problem);
    }

    @Test
    void aKeyFromAnotherDownloadDoesNotMatchTheCertificate() {
        TestCredentials other = TestCredentials.generate();
        String json = CREDENTIALS.json(i -> JsonEdit.set(i, "privateKey", Json.createValue(other.privateKeyPem())));

        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(json, "creds.json"))
                .isInstanceOf(AemConfigurationException.class)
                .hasMessageContaining("integration.privateKey does not match the certificate in integration.publicKey");
    }

    @Test
    void swappedKeyAndCertificateAreCalledOut() {
        String json = CREDENTIALS.json(i -> JsonEdit.set(i, "privateKey", Json.createValue(CREDENTIALS.certificatePem())));

        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(json, "x"))
                .hasMessageContaining("integration.privateKey holds a certificate, not a private key");
    }

    @Test
    void encryptedKeysAreRefused() {
        String encrypted = "-----BEGIN RSA PRIVATE KEY-----\r\nProc-Type: 4,ENCRYPTED\r\nDEK-Info: AES-128-CBC,00\r\n\r\n"
                + "AAAA\r\n-----END RSA PRIVATE KEY-----\r\n";
        String pkcs8Encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";

        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(
                CREDENTIALS.json(i -> JsonEdit.set(i, "privateKey", Json.createValue(encrypted))), "x"))
                .hasMessageContaining("integration.privateKey is an encrypted key");
        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(
                CREDENTIALS.json(i -> JsonEdit.set(i, "privateKey", Json.createValue(pkcs8Encrypted))), "x"))
                .hasMessageContaining("integration.privateKey is an encrypted PKCS#8 key");
    }

    @Test
    void ecAndSmallKeysAreRefused() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        String ecPkcs8 = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                ec.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        String ecSec1 = "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n";
        TestCredentials small = TestCredentials.builder().keyBits(1024).build();

        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(
                CREDENTIALS.json(i -> JsonEdit.set(JsonEdit.remove(i, "publicKey"), "privateKey", Json.createValue(ecPkcs8))), "x"))
                .hasMessageContaining("integration.privateKey is not a readable RSA private key (PKCS#8)");
        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(
                CREDENTIALS.json(i -> JsonEdit.set(i, "privateKey", Json.createValue(ecSec1))), "x"))
                .hasMessageContaining("integration.privateKey is an EC key");
        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(small.json(), "x"))
                .hasMessageContaining("integration.privateKey is a 1024-bit RSA key; RS256 needs at least 2048 bits");
    }

    @Test
    void garbledKeysAreRefused() {
        String pem = CREDENTIALS.privateKeyPem();
        String garbledBase64 = pem.replace(pem.substring(100, 110), "!!!!!!!!!!");
        String truncatedDer = pem.substring(0, 200) + "\r\n-----END RSA PRIVATE KEY-----\r\n";
        String noEnd = pem.substring(0, 200);

        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(
                CREDENTIALS.json(i -> JsonEdit.set(i, "privateKey", Json.createValue(garbledBase64))), "x"))
                .hasMessageContaining("integration.privateKey is a damaged PEM block");
        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(
                CREDENTIALS.json(i -> JsonEdit.set(i, "privateKey", Json.createValue(truncatedDer))), "x"))
                .hasMessageContaining("integration.privateKey is not a readable RSA private key (PKCS#1)");
        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(
                CREDENTIALS.json(i -> JsonEdit.set(i, "privateKey", Json.createValue(noEnd))), "x"))
                .hasMessageContaining("integration.privateKey is a damaged PEM block");
    }

    @Test
    void truncatedJsonNamesTheFile() throws Exception {
        String json = CREDENTIALS.json();
        Path file = Files.writeString(dir.resolve("truncated.json"), json.substring(0, json.length() / 2));

        assertThatThrownBy(() -> ServiceCredentialsReader.fromFile(file))
                .isInstanceOfSatisfying(AemConfigurationException.class,
                        e -> assertThat(e.source()).isEqualTo(file.toString()))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("ends too early");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[1,2]", "{\"a\":1,,}", "null", "{\"integration\":{}, \"integration\":{}}"})
    void invalidJsonIsNamed(String json) {
        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson(json, "creds.json"))
                .isInstanceOf(AemConfigurationException.class)
                .hasMessageContaining("creds.json");
    }

    @Test
    void aFileWithAByteOrderMarkIsRead() throws Exception {
        Path file = dir.resolve("bom.json");
        Files.write(file, ("\uFEFF" + CREDENTIALS.json()).getBytes(StandardCharsets.UTF_8));

        assertThat(ServiceCredentialsReader.fromFile(file).clientId()).isEqualTo(CREDENTIALS.clientId());
    }

    @Test
    void wrongEncodingsAndWrongFilesAreNamed() throws Exception {
        Path utf16 = dir.resolve("utf16.json");
        Files.write(utf16, ("\uFEFF" + CREDENTIALS.json()).getBytes(StandardCharsets.UTF_16LE));
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{\"org\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        Path huge = dir.resolve("huge.json");
        Files.write(huge, new byte[2 * 1024 * 1024]);

        assertThatThrownBy(() -> ServiceCredentialsReader.fromFile(utf16)).hasMessageContaining("is UTF-16 encoded");
        assertThatThrownBy(() -> ServiceCredentialsReader.fromFile(latin1)).hasMessageContaining("is not UTF-8 text");
        assertThatThrownBy(() -> ServiceCredentialsReader.fromFile(huge)).hasMessageContaining("too large");
        assertThatThrownBy(() -> ServiceCredentialsReader.fromFile(dir.resolve("absent.json")))
                .hasMessageContaining("absent.json does not exist");
        assertThatThrownBy(() -> ServiceCredentialsReader.fromFile(dir)).hasMessageContaining("is a directory");
    }

    @Test
    void aDevelopmentTokenFileIsRecognised() {
        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson("{\"ok\":true,\"accessToken\":\"eyJ\"}", "t.json"))
                .hasMessageContaining("holds a local development token");
        assertThatThrownBy(() -> ServiceCredentialsReader.fromJson("{\"ok\":false,\"integration\":{}}", "t.json"))
                .hasMessageContaining("ok is false");
    }

    @Test
    void noSecretInToStringOrInAnyError() {
        ServiceCredentials read = ServiceCredentialsReader.fromJson(CREDENTIALS.json(), "creds.json");
        String keyBody = CREDENTIALS.privateKeyPem().split("\r\n")[3];
        List<String> messages = requiredFields()
                .map(f -> messageOf(() -> ServiceCredentialsReader.fromJson(CREDENTIALS.json(i -> JsonEdit.remove(i, f)), "x")))
                .collect(Collectors.toList());
        // A parse error right inside the secret must not quote it.
        String json = CREDENTIALS.json();
        int secretAt = json.indexOf(CREDENTIALS.clientSecret());
        messages.add(messageOf(() -> ServiceCredentialsReader.fromJson(
                json.substring(0, secretAt) + "\"" + json.substring(secretAt), "x")));

        assertThat(read.toString()).doesNotContain(CREDENTIALS.clientSecret()).doesNotContain(keyBody)
                .contains(CREDENTIALS.clientId())
                .contains(", certificateExpiresAt=" + CREDENTIALS.certificate().getNotAfter().toInstant() + "]");
        assertThat(messages).allSatisfy(m -> assertThat(m).doesNotContain(CREDENTIALS.clientSecret())
                .doesNotContain(keyBody));
    }

    @Test
    void certificateExpiryIsRead() {
        Instant notAfter = Instant.parse("2030-01-01T00:00:00Z");
        TestCredentials c = TestCredentials.builder().keyPair(CREDENTIALS.keyPair())
                .certificateValidity(Instant.parse("2025-01-01T00:00:00Z"), notAfter).build();

        assertThat(ServiceCredentialsReader.fromJson(c.json(), "x").certificateExpiresAt()).contains(notAfter);
    }

    /** The message of the configuration error {@code r} must throw: nothing thrown fails the test. */
    private static String messageOf(Runnable r) {
        Throwable thrown = catchThrowable(r::run);
        assertThat(thrown).as("the error it must throw").isInstanceOf(AemConfigurationException.class);
        return thrown.getMessage();
    }
}

package io.github.aemclient.testkit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Freshly generated service credentials in the AEM Developer Console's shape: an RSA key pair, a
 * self-signed certificate, and the JSON envelope with a PKCS#1 private key and {@code \r\n} line ends.
 * No test depends on a committed private key.
 */
public final class TestCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String imsEndpoint;
    private final List<String> metascopes;
    private final String clientId;
    private final String clientSecret;
    private final String technicalAccountId;
    private final String email;
    private final String org;
    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final boolean pkcs8;

    private TestCredentials(Builder b) {
        this.imsEndpoint = b.imsEndpoint;
        this.metascopes = List.copyOf(b.metascopes);
        this.clientId = b.clientId;
        // Characters a form must encode, so a client that does not encode (or encodes wrongly) is caught.
        this.clientSecret = "p8e-" + randomHex(16) + "+/=&% \u00e9";
        String account = randomHex(12).toUpperCase(Locale.ROOT);
        this.technicalAccountId = account + "@techacct.adobe.com";
        this.email = randomHex(8) + "@techacct.adobe.com";
        this.org = b.org != null ? b.org : randomHex(12).toUpperCase(Locale.ROOT) + "@AdobeOrg";
        this.keyPair = b.keyPair != null ? b.keyPair : generateKeyPair(b.keyBits);
        this.certificate = selfSigned(keyPair, b.notBefore, b.notAfter);
        this.pkcs8 = b.pkcs8;
    }

    public static TestCredentials generate() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String imsEndpoint() {
        return imsEndpoint;
    }

    public List<String> metascopes() {
        return metascopes;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public String technicalAccountId() {
        return technicalAccountId;
    }

    public String org() {
        return org;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keyPair.getPublic();
    }

    /** The private key as the console writes it: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) unless built with pkcs8. */
    public String privateKeyPem() {
        if (pkcs8) {
            return pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
        }
        try {
            byte[] pkcs1 = PrivateKeyInfo.getInstance(keyPair.getPrivate().getEncoded()).parsePrivateKey()
                    .toASN1Primitive().getEncoded();
            return pem("RSA PRIVATE KEY", pkcs1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bare {@code integration} object. */
    public JsonObject integration() {
        return Json.createObjectBuilder()
                .add("imsEndpoint", imsEndpoint)
                .add("metascopes", String.join(",", metascopes))
                .add("technicalAccount", Json.createObjectBuilder()
                        .add("clientId", clientId)
                        .add("clientSecret", clientSecret))
                .add("email", email)
                .add("id", technicalAccountId)
                .add("org", org)
                .add("privateKey", privateKeyPem())
                .add("publicKey", certificatePem())
                .build();
    }

    /** The whole download: {@code {"ok":true,"integration":{...},"statusCode":200}}. */
    public String json() {
        return envelope(integration()).toString();
    }

    /** The download with the integration changed, e.g. {@code json(i -> JsonEdit.remove(i, "org"))}. */
    public String json(UnaryOperator<JsonObject> editIntegration) {
        return envelope(editIntegration.apply(integration())).toString();
    }

    public String integrationJson() {
        return integration().toString();
    }

    /** Writes {@link #json()} to {@code file}, readable by its owner only. */
    public Path writeTo(Path file) {
        return writeTo(file, json());
    }

    public static Path writeTo(Path file, String content) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not POSIX
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject envelope(JsonObject integration) {
        return Json.createObjectBuilder()
                .add("ok", true)
                .add("integration", integration)
                .add("statusCode", 200)
                .build();
    }

    static String pem(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\r\n" + base64 + "\r\n-----END " + label + "-----\r\n";
    }

    static KeyPair generateKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(KeyPair keyPair, Instant notBefore, Instant notAfter) {
        try {
            X500Name name = new X500Name("CN=aem-client-testkit,O=Test,C=US");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, RANDOM), Date.from(notBefore), Date.from(notAfter), name, keyPair.getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("Could not create a test certificate", e);
        }
    }

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Edits of a JSON object for malformed-input tests. */
    public static final class JsonEdit {
        private JsonEdit() {
        }

        /** Removes a field; {@code path} may be dotted ({@code technicalAccount.clientId}). */
        public static JsonObject remove(JsonObject object, String path) {
            return edit(object, path, null);
        }

        /** Sets a field to a JSON value ({@code Json.createValue(...)}, {@code JsonValue.NULL}, ...). */
        public static JsonObject set(JsonObject object, String path, JsonValue value) {
            return edit(object, path, value);
        }

        private static JsonObject edit(JsonObject object, String path, JsonValue value) {
            int dot = path.indexOf('.');
            JsonObjectBuilder builder = Json.createObjectBuilder(object);
            if (dot < 0) {
                if (value == null) {
                    builder.remove(path);
                } else {
                    builder.add(path, value);
                }
                return builder.build();
            }
            String head = path.substring(0, dot);
            return builder.add(head, edit(object.getJsonObject(head), path.substring(dot + 1), value)).build();
        }
    }

    public static final class Builder {
        private String imsEndpoint = "ims-na1.adobelogin.com";
        private List<String> metascopes = List.of("ent_aem_cloud_sdk", "ent_cloudmgr_sdk");
        private String clientId = "cm-p" + (10000 + RANDOM.nextInt(90000)) + "-e" + (100000 + RANDOM.nextInt(900000))
                + "+&=%";
        private String org;
        private int keyBits = 2048;
        private KeyPair keyPair;
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private boolean pkcs8;

        public Builder imsEndpoint(String imsEndpoint) {
            this.imsEndpoint = imsEndpoint;
            return this;
        }

        public Builder metascopes(String... metascopes) {
            this.metascopes = List.of(metascopes);
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder org(String org) {
            this.org = org;
            return this;
        }

        public Builder keyBits(int bits) {
            this.keyBits = bits;
            return this;
        }

        /** Reuses a key pair (key generation is slow; tests that need many credentials can share one). */
        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = keyPair;
            return this;
        }

        public Builder certificateValidity(Instant notBefore, Instant notAfter) {
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        /** Write the private key as PKCS#8 ({@code BEGIN PRIVATE KEY}) instead of the console's PKCS#1. */
        public Builder pkcs8() {
            this.pkcs8 = true;
            return this;
        }

        public TestCredentials build() {
            return new TestCredentials(this);
        }
    }

    @Override
    public String toString() {
        return "TestCredentials[clientId=" + clientId + ", org=" + org + ", technicalAccountId=" + technicalAccountId
                + ", imsEndpoint=" + imsEndpoint + ", metascopes=" + metascopes + "]";
    }
}

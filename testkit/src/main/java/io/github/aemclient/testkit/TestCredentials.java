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
 *
 * <p>Every instance has its own random client secret, technical account, e-mail and (unless given) org and
 * key pair. The secret and the default client id contain characters a form must encode ({@code + & = %};
 * the secret also a space and a non-ASCII letter), so a client that does not encode them is caught.
 * Immutable and thread-safe; the JSON is built anew on each call.
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
        // the JWT's sub: JSON must carry it intact
        this.technicalAccountId = account + "+ \u00e9@techacct.adobe.com";
        this.email = randomHex(8) + "@techacct.adobe.com";
        this.org = b.org != null ? b.org : randomHex(12).toUpperCase(Locale.ROOT) + "@AdobeOrg";
        this.keyPair = b.keyPair != null ? b.keyPair : generateKeyPair(b.keyBits);
        this.certificate = selfSigned(keyPair, b.notBefore, b.notAfter);
        this.pkcs8 = b.pkcs8;
    }

    /** {@return new credentials with the defaults of {@link #builder()}} Generates a 2048-bit RSA key: slow-ish. */
    public static TestCredentials generate() {
        return builder().build();
    }

    /** {@return a builder for credentials that differ from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the IMS host name ({@code ims-na1.adobelogin.com} by default)} */
    public String imsEndpoint() {
        return imsEndpoint;
    }

    /** {@return the metascopes, an unmodifiable list} */
    public List<String> metascopes() {
        return metascopes;
    }

    /** {@return the integration's client id} */
    public String clientId() {
        return clientId;
    }

    /** {@return the client secret} */
    public String clientSecret() {
        return clientSecret;
    }

    /** {@return the technical account id ({@code ...@techacct.adobe.com}), the JWT's subject} */
    public String technicalAccountId() {
        return technicalAccountId;
    }

    /** {@return the IMS organization ({@code ...@AdobeOrg}), the JWT's issuer} */
    public String org() {
        return org;
    }

    /** {@return the RSA key pair} */
    public KeyPair keyPair() {
        return keyPair;
    }

    /** {@return the self-signed certificate of the public key, as registered with IMS} */
    public X509Certificate certificate() {
        return certificate;
    }

    /** {@return the RSA public key} */
    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keyPair.getPublic();
    }

    /**
     * {@return the private key as the console writes it} PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), or PKCS#8
     * ({@code BEGIN PRIVATE KEY}) when built with {@link Builder#pkcs8()}; {@code \r\n} line ends.
     */
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

    /** {@return the certificate in PEM, with {@code \r\n} line ends} */
    public String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return the bare {@code integration} object} */
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

    /** {@return the whole download: {@code {"ok":true,"integration":{...},"statusCode":200}}} */
    public String json() {
        return envelope(integration()).toString();
    }

    /**
     * {@return the download with the integration changed} For malformed-input tests, e.g.
     * {@code json(i -> JsonEdit.remove(i, "org"))}.
     *
     * @param editIntegration turns {@link #integration()} into what the download holds
     */
    public String json(UnaryOperator<JsonObject> editIntegration) {
        return envelope(editIntegration.apply(integration())).toString();
    }

    /** {@return the bare {@code integration} object as JSON text} */
    public String integrationJson() {
        return integration().toString();
    }

    /**
     * Writes {@link #json()} to {@code file}, as {@link #writeTo(Path, String)} does.
     *
     * @param file where to write, its directories created as needed
     * @return {@code file}
     * @throws UncheckedIOException when it cannot be written
     */
    public Path writeTo(Path file) {
        return writeTo(file, json());
    }

    /**
     * Writes {@code content} to {@code file} as UTF-8, replacing it, readable by its owner only where the
     * file system has POSIX permissions.
     *
     * @param file where to write, its directories created as needed
     * @param content what to write
     * @return {@code file}
     * @throws UncheckedIOException when it cannot be written
     */
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

        /**
         * {@return a copy of {@code object} without a field}
         *
         * @param object the object to edit
         * @param path the field's name, or a dotted path to a field of a nested object
         *        ({@code technicalAccount.clientId}); each object on the way must exist
         */
        public static JsonObject remove(JsonObject object, String path) {
            return edit(object, path, null);
        }

        /**
         * {@return a copy of {@code object} with a field set, added or replaced}
         *
         * @param object the object to edit
         * @param path the field's name, or a dotted path as in {@link #remove(JsonObject, String)}
         * @param value the new value: {@code Json.createValue(...)}, {@code JsonValue.NULL}, ...
         */
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

    /**
     * Settings for {@link TestCredentials}; anything not set keeps a console-like default: IMS
     * {@code ims-na1.adobelogin.com}, metascopes {@code ent_aem_cloud_sdk} and {@code ent_cloudmgr_sdk}, a
     * random {@code cm-p...-e...} client id, a random org, a 2048-bit key, a certificate valid from a day before
     * the builder was made to a year after, a PKCS#1 private key. Not thread-safe.
     */
    public static final class Builder {
        private String imsEndpoint = "ims-na1.adobelogin.com";
        private List<String> metascopes = List.of("ent_aem_cloud_sdk", "ent_cloudmgr_sdk");
        private String clientId = "cm-p" + (10000 + RANDOM.nextInt(90000)) + "-e" + (100000 + RANDOM.nextInt(900000))
                + "+&=% \u00e9";
        private String org;
        private int keyBits = 2048;
        private KeyPair keyPair;
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private boolean pkcs8;

        /**
         * Sets the IMS host name, as in the JWT's audience and metascope claims.
         *
         * @param imsEndpoint a host name, without scheme
         * @return this builder
         */
        public Builder imsEndpoint(String imsEndpoint) {
            this.imsEndpoint = imsEndpoint;
            return this;
        }

        /**
         * Sets the metascopes.
         *
         * @param metascopes their names, e.g. {@code ent_aem_cloud_sdk}
         * @return this builder
         */
        public Builder metascopes(String... metascopes) {
            this.metascopes = List.of(metascopes);
            return this;
        }

        /**
         * Sets the client id.
         *
         * @param clientId the integration's client id
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * Sets the IMS organization.
         *
         * @param org an id ending in {@code @AdobeOrg}
         * @return this builder
         */
        public Builder org(String org) {
            this.org = org;
            return this;
        }

        /**
         * Sets the size of the RSA key generated (not used with {@link #keyPair(KeyPair)}).
         *
         * @param bits the key size
         * @return this builder
         */
        public Builder keyBits(int bits) {
            this.keyBits = bits;
            return this;
        }

        /**
         * Reuses a key pair (key generation is slow; tests that need many credentials can share one).
         *
         * @param keyPair an RSA key pair
         * @return this builder
         */
        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = keyPair;
            return this;
        }

        /**
         * Sets the certificate's validity; the IMS stand-in refuses assertions once it has ended.
         *
         * @param notBefore the start
         * @param notAfter the end
         * @return this builder
         */
        public Builder certificateValidity(Instant notBefore, Instant notAfter) {
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        /**
         * Writes the private key as PKCS#8 ({@code BEGIN PRIVATE KEY}) instead of the console's PKCS#1.
         *
         * @return this builder
         */
        public Builder pkcs8() {
            this.pkcs8 = true;
            return this;
        }

        /**
         * {@return new credentials} Generates the key pair unless one was given, and the certificate.
         *
         * @throws IllegalStateException when the key or the certificate cannot be generated
         */
        public TestCredentials build() {
            return new TestCredentials(this);
        }
    }

    /** {@return the identifiers, without the secret or the private key} */
    @Override
    public String toString() {
        return "TestCredentials[clientId=" + clientId + ", org=" + org + ", technicalAccountId=" + technicalAccountId
                + ", imsEndpoint=" + imsEndpoint + ", metascopes=" + metascopes + "]";
    }
}

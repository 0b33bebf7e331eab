package io.github.aemclient.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A TLS server identity made for one test run: a fresh RSA key and a self-signed certificate for
 * {@code localhost} and {@code 127.0.0.1}, trusted by nothing until a test writes it into a trust store. The
 * stand-ins serve HTTPS with it ({@link ImsStandIn#start(TestTls)}, {@link AemStandIn#start(ImsStandIn, TestTls)}).
 * Immutable and thread-safe.
 */
public final class TestTls {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private TestTls() {
        this.keyPair = TestCredentials.generateKeyPair(2048);
        this.certificate = selfSigned(keyPair);
    }

    /** {@return a new identity} Generates a 2048-bit RSA key: slow-ish, share it between tests. */
    public static TestTls generate() {
        return new TestTls();
    }

    /** {@return the server certificate (self-signed: its own issuer)} */
    public X509Certificate certificate() {
        return certificate;
    }

    /** {@return the certificate in PEM, as a security team hands it out} */
    public String certificatePem() {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a trust store holding the certificate as a trusted entry.
     *
     * @param file where to write
     * @param type {@code PKCS12} or {@code JKS}; {@code PEM} writes {@link #certificatePem()}
     * @param password the store's password; ignored for PEM
     * @return {@code file}
     */
    public Path writeTrustStore(Path file, String type, String password) {
        try {
            if (type.equalsIgnoreCase("PEM")) {
                return Files.writeString(file, certificatePem());
            }
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            store.setCertificateEntry("aem-client-testkit", certificate);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not write a " + type + " trust store", e);
        }
    }

    /** The server side's context: the key and certificate. */
    SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "testkit".toCharArray();
            store.setKeyEntry("server", keyPair.getPrivate(), password, new X509Certificate[] {certificate});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, RANDOM);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not make the stand-in's TLS context", e);
        }
    }

    private static X509Certificate selfSigned(KeyPair keyPair) {
        try {
            X500Name name = new X500Name("CN=localhost,O=aem-client testkit");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, RANDOM),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), name,
                    keyPair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("Could not create a TLS certificate", e);
        }
    }
}

package io.github.aemclient.internal.network;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.internal.credentials.SecretFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates to trust instead of the JVM's default CAs ({@code aem.<env>.trust-store}): a PKCS12 or JKS key
 * store, PEM certificates, or DER certificates (one, or a PKCS#7 bundle). Read once, when the environment is built; every problem is an
 * {@link Invalid} whose message follows "aem.&lt;env&gt;.trust-store: ".
 */
public final class TrustStore {

    /** The kinds of file read, as {@code aem.<env>.trust-store-type} names them. */
    public enum Type {
        PKCS12, JKS, PEM,
        /** Binary certificates: one X.509 certificate ({@code .cer}, {@code .crt}) or a PKCS#7 bundle ({@code .p7b}). */
        DER;

        /** {@return the type named (any case)} @throws IllegalArgumentException for another name */
        public static Type of(String name) {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        }
    }

    private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", Pattern.DOTALL);
    private static final byte[] JKS_MAGIC = {(byte) 0xFE, (byte) 0xED, (byte) 0xFE, (byte) 0xED};

    private final Path file;
    private final Type type;
    private final SSLContext sslContext;
    private final int certificates;

    private TrustStore(Path file, Type type, SSLContext sslContext, int certificates) {
        this.file = file;
        this.type = type;
        this.sslContext = sslContext;
        this.certificates = certificates;
    }

    /**
     * Reads a trust store.
     *
     * @param type null to tell it from the content: PEM text, a JKS store (by its magic number), else PKCS12
     *     or, failing that, DER
     * @param password null for none (PEM needs none; a store's certificates may be readable without)
     * @throws Invalid naming what is wrong; {@link Invalid#passwordProblem()} when a password would help
     */
    public static TrustStore read(Path file, Type type, String password) throws Invalid {
        if (!Files.exists(file)) {
            throw new Invalid("there is no file " + file, false);
        }
        byte[] bytes;
        try {
            bytes = SecretFiles.readBounded(file, "trust store");
        } catch (AemConfigurationException e) {
            throw new Invalid(e.getMessage(), false);
        }
        // ISO-8859-1 maps every byte to one char: the PEM markers are found whatever else the file holds.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Type actual = type != null ? type : detect(bytes, text);
        KeyStore store;
        if (actual == Type.PEM) {
            store = pem(file, bytes, text);
        } else if (actual == Type.DER) {
            store = der(file, bytes);
        } else if (type == null) {
            // Told by elimination: what is not PEM or JKS is PKCS12, or else binary certificates (Windows exports).
            try {
                store = keyStore(file, actual, bytes, password);
            } catch (Invalid notPkcs12) {
                if (notPkcs12.passwordProblem()) {
                    throw notPkcs12;
                }
                try {
                    store = der(file, bytes);
                    actual = Type.DER;
                } catch (Invalid notDer) {
                    throw notPkcs12;
                }
            }
        } else {
            store = keyStore(file, actual, bytes, password);
        }
        int trusted = trustedCertificates(store);
        if (trusted == 0) {
            throw new Invalid(file + " holds no trusted certificate" + (actual == Type.PEM ? ""
                    : password == null ? " (a " + actual + " store whose certificates are protected needs its password)"
                    : " entry (a store of keys, or one made by openssl pkcs12, whose certificates Java does not"
                            + " take as trusted: use the PEM certificates, or keytool -importcert)"),
                    actual != Type.PEM && password == null);
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return new TrustStore(file, actual, context, trusted);
        } catch (GeneralSecurityException e) {
            throw new Invalid(file + " cannot be used to check certificates: " + e.getMessage(), false);
        }
    }

    private static Type detect(byte[] bytes, String text) {
        // Bundles start with comments, openssl's output with "Bag Attributes" or the certificate as text.
        if (text.contains("-----BEGIN ")) {
            return Type.PEM;
        }
        if (bytes.length >= 4 && bytes[0] == JKS_MAGIC[0] && bytes[1] == JKS_MAGIC[1] && bytes[2] == JKS_MAGIC[2]
                && bytes[3] == JKS_MAGIC[3]) {
            return Type.JKS;
        }
        return Type.PKCS12;
    }

    private static KeyStore pem(Path file, byte[] bytes, String text) throws Invalid {
        if (!text.contains(PEM_CERTIFICATE)) {
            if (text.contains("-----BEGIN PKCS7-----")) {
                return der(file, bytes);
            }
            throw new Invalid(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----); a private key or"
                    + " a key store is not a PEM trust store", false);
        }
        // Each block on its own: the JDK's parser stumbles over what bundles put between them (comments,
        // openssl's "Bag Attributes" and text dumps, a byte order mark).
        List<Certificate> certificates = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(text);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (block.find()) {
                certificates.add(factory.generateCertificate(new ByteArrayInputStream(
                        block.group().getBytes(StandardCharsets.ISO_8859_1))));
            }
        } catch (CertificateException e) {
            throw new Invalid(file + " has a PEM certificate that cannot be read (certificate " + (certificates.size() + 1)
                    + ": " + e.getMessage() + ")", false);
        }
        int begun = text.split(PEM_CERTIFICATE, -1).length - 1;
        if (begun != certificates.size()) {
            throw new Invalid(file + " has a PEM certificate that cannot be read (certificate "
                    + (certificates.size() + 1) + " has no -----END CERTIFICATE----- line)", false);
        }
        return storeOf(certificates);
    }

    private static KeyStore der(Path file, byte[] bytes) throws Invalid {
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        } catch (CertificateException e) {
            throw new Invalid(file + " is not a DER certificate or PKCS#7 bundle (" + e.getMessage() + ")", false);
        }
        return storeOf(new ArrayList<>(certificates));
    }

    private static KeyStore storeOf(List<Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("certificate-" + i++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("An empty in-memory key store could not be made", e);
        }
    }

    private static KeyStore keyStore(Path file, Type type, byte[] bytes, String password) throws Invalid {
        try {
            KeyStore store = KeyStore.getInstance(type.name());
            store.load(new ByteArrayInputStream(bytes), password == null ? null : password.toCharArray());
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || e.getMessage() != null
                    && e.getMessage().toLowerCase(Locale.ROOT).contains("password")) {
                throw new Invalid(file + " could not be opened with the password given (wrong password?)", true);
            }
            throw new Invalid(file + " is not a " + type + " key store (" + e.getMessage() + "); PEM certificates,"
                    + " PKCS12 and JKS stores and DER certificates are read", false);
        } catch (GeneralSecurityException e) {
            throw new Invalid(file + " could not be read as a " + type + " key store (" + e.getMessage() + ")", false);
        }
    }

    private static int trustedCertificates(KeyStore store) {
        int count = 0;
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isCertificateEntry(alias) && store.getCertificate(alias) instanceof X509Certificate) {
                    count++;
                }
            }
        } catch (KeyStoreException e) {
            return 0;
        }
        return count;
    }

    /** {@return a TLS context trusting exactly these certificates} */
    public SSLContext sslContext() {
        return sslContext;
    }

    @Override
    public String toString() {
        return file + " (" + type + ", " + certificates + (certificates == 1 ? " certificate)" : " certificates)");
    }

    /** A trust store that cannot be used; the message follows "aem.&lt;env&gt;.trust-store: ". */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean passwordProblem;

        Invalid(String message, boolean passwordProblem) {
            super(message, null, false, false);
            this.passwordProblem = passwordProblem;
        }

        /** {@return whether the password setting is what to look at} */
        public boolean passwordProblem() {
            return passwordProblem;
        }
    }
}

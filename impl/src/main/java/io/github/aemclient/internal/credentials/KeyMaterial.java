package io.github.aemclient.internal.credentials;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * Reads the integration's RSA private key and X.509 certificate from PEM and checks that they belong
 * together. Every failure is an {@link IllegalArgumentException} whose message completes a sentence
 * starting with the field name, and never quotes key material.
 */
final class KeyMaterial {

    /** RFC 7518 (3.3): RS256 keys are 2048 bits or larger; Adobe's console issues 2048-bit keys. */
    static final int MINIMUM_KEY_BITS = 2048;

    private KeyMaterial() {
    }

    static RSAPrivateKey readPrivateKey(String pemText) {
        Pem pem = Pem.parse(pemText);
        switch (pem.label) {
            case "RSA PRIVATE KEY":
                if (pem.headers.contains("ENCRYPTED")) {
                    throw new IllegalArgumentException("is an encrypted key; Adobe's service credentials hold an"
                            + " unencrypted key: download them again from the Developer Console");
                }
                return checkSize(rsaKeyFrom(Der.pkcs1ToPkcs8(pem.der), "PKCS#1"));
            case "PRIVATE KEY":
                return checkSize(rsaKeyFrom(pem.der, "PKCS#8"));
            case "ENCRYPTED PRIVATE KEY":
                throw new IllegalArgumentException("is an encrypted PKCS#8 key; decrypt it first"
                        + " (openssl pkcs8 -in key.pem -out plain.pem)");
            case "EC PRIVATE KEY":
                throw new IllegalArgumentException("is an EC key; Adobe's JWT exchange needs an RSA key (RS256)");
            case "CERTIFICATE":
                throw new IllegalArgumentException("holds a certificate, not a private key"
                        + " (are privateKey and publicKey swapped?)");
            default:
                throw new IllegalArgumentException("holds a '" + pem.label + "' block, not an RSA private key");
        }
    }

    private static RSAPrivateKey rsaKeyFrom(byte[] pkcs8, String format) {
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("is not a readable RSA private key (" + format
                    + "): the key is damaged or of another type");
        }
        return (RSAPrivateKey) key;
    }

    private static RSAPrivateKey checkSize(RSAPrivateKey key) {
        int bits = key.getModulus().bitLength();
        if (bits < MINIMUM_KEY_BITS) {
            throw new IllegalArgumentException("is a " + bits + "-bit RSA key; RS256 needs at least "
                    + MINIMUM_KEY_BITS + " bits");
        }
        return key;
    }

    static X509Certificate readCertificate(String pemText) {
        Pem pem = Pem.parse(pemText);
        if (!"CERTIFICATE".equals(pem.label)) {
            throw new IllegalArgumentException("holds a '" + pem.label + "' block, not an X.509 certificate"
                    + (pem.label.contains("PRIVATE") ? " (are privateKey and publicKey swapped?)" : ""));
        }
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.der));
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("is not a readable X.509 certificate (damaged?)");
        }
        if (!(certificate.getPublicKey() instanceof RSAPublicKey)) {
            throw new IllegalArgumentException("is a certificate for a " + certificate.getPublicKey().getAlgorithm()
                    + " key; Adobe's JWT exchange needs an RSA key");
        }
        return certificate;
    }

    /**
     * Whether a signature made with the key verifies with the certificate's public key: the check IMS makes on
     * every JWT, so a pair that passes here is one IMS accepts (same modulus and same public exponent), and
     * one that fails would be refused there with a bare {@code invalid_signature}.
     */
    static boolean belongTogether(RSAPrivateKey privateKey, X509Certificate certificate) {
        return signatureVerifies(privateKey, certificate.getPublicKey());
    }

    private static boolean signatureVerifies(PrivateKey privateKey, PublicKey publicKey) {
        try {
            byte[] probe = "aem-client key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}

package io.github.aemclient.testkit;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Compact RS256 JWS, written independently of the library under test so the stand-ins check it. */
final class Jws {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    final JsonObject header;
    final JsonObject claims;
    private final String signingInput;
    private final byte[] signature;

    private Jws(JsonObject header, JsonObject claims, String signingInput, byte[] signature) {
        this.header = header;
        this.claims = claims;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /** @throws IllegalArgumentException when the text is not a compact JWS with JSON header and claims */
    static Jws parse(String compact) {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS (" + parts.length + " parts)");
        }
        if (compact.indexOf('=') >= 0) {
            // RFC 7515 section 2: base64url without padding; IMS's parser refuses '='.
            throw new IllegalArgumentException("JWS segments must be base64url without padding");
        }
        try {
            return new Jws(json(parts[0]), json(parts[1]), parts[0] + "." + parts[1], DECODER.decode(parts[2]));
        } catch (JsonException | ClassCastException e) {
            throw new IllegalArgumentException("JWS header or claims are not JSON objects");
        }
    }

    boolean verifies(PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String sign(JsonObject header, JsonObject claims, PrivateKey key) {
        String input = ENCODER.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + ENCODER.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(String base64url) {
        String text = new String(DECODER.decode(base64url), StandardCharsets.UTF_8);
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}

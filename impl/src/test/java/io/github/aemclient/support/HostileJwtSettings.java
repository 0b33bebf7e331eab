package io.github.aemclient.support;

import java.util.Map;

/**
 * Every {@code smallrye.jwt.new-token.*}, {@code smallrye.jwt.sign.*} and {@code smallrye.jwt.encrypt.*}
 * property smallrye-jwt documents, and the {@code mp.jwt.*} ones an application verifying JWTs sets, with
 * hostile values: what an application minting or verifying its own JWTs may have configured next to the
 * library. Set as system properties, which MicroProfile Config reads too.
 */
public final class HostileJwtSettings implements AutoCloseable {

    public static final Map<String, String> ALL = Map.ofEntries(
            Map.entry("smallrye.jwt.new-token.issuer", "https://app.example.com"),
            Map.entry("smallrye.jwt.new-token.audience", "app-audience"),
            Map.entry("smallrye.jwt.new-token.lifespan", "99999"),
            Map.entry("smallrye.jwt.new-token.override-matching-claims", "true"),
            Map.entry("smallrye.jwt.new-token.add-default-claims", "false"),
            Map.entry("smallrye.jwt.new-token.signature-algorithm", "HS256"),
            Map.entry("smallrye.jwt.new-token.key-encryption-algorithm", "RSA-OAEP"),
            Map.entry("smallrye.jwt.new-token.content-encryption-algorithm", "A128GCM"),
            Map.entry("smallrye.jwt.sign.key", "not-a-key"),
            Map.entry("smallrye.jwt.sign.key.location", "/nonexistent/app-signing-key.pem"),
            Map.entry("smallrye.jwt.sign.key.id", "app-kid"),
            Map.entry("smallrye.jwt.sign.relax-key-validation", "true"),
            Map.entry("smallrye.jwt.encrypt.key.location", "/nonexistent/app-encryption-key.pem"),
            Map.entry("smallrye.jwt.encrypt.key.id", "app-enc-kid"),
            Map.entry("smallrye.jwt.encrypt.relax-key-validation", "true"),
            Map.entry("mp.jwt.verify.issuer", "https://app.example.com"),
            Map.entry("mp.jwt.verify.audiences", "app-audience"),
            Map.entry("mp.jwt.verify.publickey.location", "/nonexistent/app-public-key.pem"));

    private HostileJwtSettings() {
        ALL.forEach(System::setProperty);
    }

    /** Sets them all as system properties until closed. */
    public static HostileJwtSettings set() {
        return new HostileJwtSettings();
    }

    @Override
    public void close() {
        ALL.keySet().forEach(System::clearProperty);
    }
}

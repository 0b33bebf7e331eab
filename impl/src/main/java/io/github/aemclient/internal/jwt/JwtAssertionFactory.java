package io.github.aemclient.internal.jwt;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.internal.credentials.ServiceCredentials;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Signs the short-lived RS256 JWT that IMS exchanges for an access token, with exactly the claims
 * Adobe's own clients send: {@code iss} = org, {@code sub} = technical account id,
 * {@code aud} = {@code https://{imsEndpoint}/c/{clientId}}, one {@code https://{imsEndpoint}/s/{metascope}: true}
 * per metascope, {@code iat} and {@code exp} in seconds, a unique {@code jti}. A fresh assertion is made for
 * every exchange. Nothing outside the credentials and this factory's arguments changes it.
 *
 * <p>Signed here with the JDK ({@code SHA256withRSA} over {@code base64url(header).base64url(claims)}, as
 * RFC 7515 defines RS256), not with smallrye-jwt-build: that library takes defaults and overrides for every
 * token it builds from the application's MicroProfile Config ({@code smallrye.jwt.new-token.issuer},
 * {@code .audience}, {@code .lifespan}, {@code .override-matching-claims}, {@code smallrye.jwt.sign.key.id},
 * …), and has no way to build one token without them, so an application minting its own JWTs changed this
 * assertion and IMS refused it. jose4j, which it builds on, reads no configuration but needs SLF4J at run
 * time and prints a warning on every server without a binding. The JDK needs neither, and this is all of
 * JWS that is used.
 */
public final class JwtAssertionFactory {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString(Json.createObjectBuilder()
            .add("alg", "RS256").add("typ", "JWT").build().toString().getBytes(StandardCharsets.UTF_8));

    private final ServiceCredentials credentials;
    private final Clock clock;
    private final Duration lifetime;
    private final String audience;

    public JwtAssertionFactory(ServiceCredentials credentials, Clock clock, Duration lifetime) {
        this.credentials = Objects.requireNonNull(credentials);
        this.clock = Objects.requireNonNull(clock);
        this.lifetime = Objects.requireNonNull(lifetime);
        this.audience = "https://" + credentials.imsEndpoint() + "/c/" + credentials.clientId();
    }

    /** The JWT, compact-serialized. It is a credential: never log it. */
    public String create() {
        long issuedAt = clock.instant().getEpochSecond();
        JsonObjectBuilder claims = Json.createObjectBuilder()
                .add("iss", credentials.org())
                .add("sub", credentials.technicalAccountId())
                .add("aud", audience)
                .add("iat", issuedAt)
                .add("exp", issuedAt + lifetime.toSeconds())
                // Unique per assertion, so that a captured one is recognisable if replayed; IMS ignores it.
                .add("jti", UUID.randomUUID().toString());
        for (String metascope : credentials.metascopes()) {
            claims.add("https://" + credentials.imsEndpoint() + "/s/" + metascope, true);
        }
        return sign(claims.build());
    }

    private String sign(JsonObject claims) {
        String signingInput = HEADER + "." + BASE64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(credentials.privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            // The key was parsed and checked against the certificate when the credentials were read.
            throw new AemConfigurationException("integration.privateKey", "The private key of the service"
                    + " credentials in " + credentials.source() + " cannot sign with RS256: " + e.getMessage(), e);
        }
    }
}

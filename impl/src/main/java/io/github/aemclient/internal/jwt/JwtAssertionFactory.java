package io.github.aemclient.internal.jwt;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Signs the short-lived RS256 JWT that IMS exchanges for an access token, with exactly the claims
 * Adobe's own clients send: {@code iss} = org, {@code sub} = technical account id,
 * {@code aud} = {@code https://{imsEndpoint}/c/{clientId}}, one {@code https://{imsEndpoint}/s/{metascope}: true}
 * per metascope, {@code iat} and {@code exp} in seconds. A fresh assertion is made for every exchange.
 */
public final class JwtAssertionFactory {

    private final ServiceCredentials credentials;
    private final Clock clock;
    private final Duration lifetime;
    private final String audience;

    public JwtAssertionFactory(ServiceCredentials credentials, Clock clock, Duration lifetime) {
        this.credentials = Objects.requireNonNull(credentials);
        this.clock = Objects.requireNonNull(clock);
        this.lifetime = Objects.requireNonNull(lifetime);
        this.audience = "https://" + credentials.imsEndpoint() + "/c/" + credentials.clientId();
        requireRuntimeDependencies();
    }

    /** The JWT, compact-serialized. It is a credential: never log it. */
    public String create() {
        long issuedAt = clock.instant().getEpochSecond();
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(credentials.org())
                .subject(credentials.technicalAccountId())
                .audience(audience)
                .issuedAt(issuedAt)
                .expiresAt(issuedAt + lifetime.toSeconds());
        for (String metascope : credentials.metascopes()) {
            claims.claim("https://" + credentials.imsEndpoint() + "/s/" + metascope, Boolean.TRUE);
        }
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(credentials.privateKey());
    }

    /**
     * smallrye-jwt-build reads its defaults through MicroProfile Config and checks claim types against
     * the JSON-P API when signing. Jakarta EE servers provide both; a plain Java application may lack
     * them and would otherwise fail with an opaque error on the first exchange, so say it now.
     */
    private static void requireRuntimeDependencies() {
        try {
            Class.forName("jakarta.json.JsonValue", false, JwtAssertionFactory.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AemConfigurationException("classpath", "The JSON-P API (jakarta.json:jakarta.json-api) is not"
                    + " on the classpath; smallrye-jwt-build needs it to sign the IMS assertion. In a plain Java"
                    + " application add it (Jakarta EE servers provide it).", e);
        }
        try {
            ConfigProvider.getConfig();
        } catch (IllegalStateException | ServiceConfigurationError e) {
            throw new AemConfigurationException("classpath", "No MicroProfile Config implementation is on the"
                    + " classpath; smallrye-jwt-build needs one to sign the IMS assertion. In a plain Java"
                    + " application add io.smallrye.config:smallrye-config (Jakarta EE servers provide one).", e);
        } catch (LinkageError e) {
            throw new AemConfigurationException("classpath", "MicroProfile Config failed to start because of a"
                    + " library version conflict (" + e + "). The usual cause is org.jboss.logging:jboss-logging"
                    + " older than 3.6, brought by RESTEasy before 6.2.16: use RESTEasy 6.2.16+ or declare"
                    + " jboss-logging 3.6.x in your build.", e);
        }
    }
}

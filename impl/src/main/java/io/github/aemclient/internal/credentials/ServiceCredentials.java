package io.github.aemclient.internal.credentials;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Developer Console's service credentials ("integration"), validated. {@link #toString()} omits the
 * client secret and the private key.
 */
public final class ServiceCredentials {

    private final String source;
    private final String imsEndpoint;
    private final List<String> metascopes;
    private final String clientId;
    private final String clientSecret;
    private final String technicalAccountId;
    private final String org;
    private final RSAPrivateKey privateKey;
    private final X509Certificate certificate;

    ServiceCredentials(String source, String imsEndpoint, List<String> metascopes, String clientId,
            String clientSecret, String technicalAccountId, String org, RSAPrivateKey privateKey,
            X509Certificate certificate) {
        this.source = Objects.requireNonNull(source);
        this.imsEndpoint = Objects.requireNonNull(imsEndpoint);
        this.metascopes = List.copyOf(metascopes);
        this.clientId = Objects.requireNonNull(clientId);
        this.clientSecret = Objects.requireNonNull(clientSecret);
        this.technicalAccountId = Objects.requireNonNull(technicalAccountId);
        this.org = Objects.requireNonNull(org);
        this.privateKey = Objects.requireNonNull(privateKey);
        this.certificate = certificate;
    }

    /** Where these credentials were read from (a file path or a property name), for messages. */
    public String source() {
        return source;
    }

    /** The IMS host, e.g. {@code ims-na1.adobelogin.com}. */
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

    /** The technical account's id ({@code integration.id}), the JWT's subject. */
    public String technicalAccountId() {
        return technicalAccountId;
    }

    /** The IMS organization ({@code ...@AdobeOrg}), the JWT's issuer. */
    public String org() {
        return org;
    }

    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    Optional<X509Certificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    public Optional<Instant> certificateExpiresAt() {
        return certificate().map(c -> c.getNotAfter().toInstant());
    }

    @Override
    public String toString() {
        return "ServiceCredentials[source=" + source + ", imsEndpoint=" + imsEndpoint + ", metascopes="
                + metascopes + ", clientId=" + clientId + ", technicalAccountId=" + technicalAccountId
                + ", org=" + org + ", clientSecret=<redacted>, privateKey=<redacted>"
                + certificateExpiresAt().map(at -> ", certificateExpiresAt=" + at).orElse("") + "]";
    }
}

package io.github.aemclient.internal.token;

import io.github.aemclient.AccessToken;
import io.github.aemclient.ImsException;
import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.github.aemclient.internal.ims.ImsClient;
import io.github.aemclient.internal.ims.ImsTokenResponse;
import io.github.aemclient.internal.jwt.JwtAssertionFactory;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The server-to-server flow: sign a fresh JWT assertion and exchange it at IMS for an access token. */
public final class ServiceTokenSource implements TokenSource {

    private static final System.Logger LOG = System.getLogger(ServiceTokenSource.class.getName());
    static final Duration CERTIFICATE_WARNING = Duration.ofDays(30);

    private final ServiceCredentials credentials;
    private final JwtAssertionFactory assertions;
    private final ImsClient ims;
    private final Clock clock;

    public ServiceTokenSource(ServiceCredentials credentials, JwtAssertionFactory assertions, ImsClient ims,
            Clock clock) {
        this.credentials = Objects.requireNonNull(credentials);
        this.assertions = Objects.requireNonNull(assertions);
        this.ims = Objects.requireNonNull(ims);
        this.clock = Objects.requireNonNull(clock);
        warnIfCertificateExpiresSoon();
    }

    @Override
    public AccessToken fetch() {
        // Measured before the call so network time shortens, never lengthens, the token's assumed life.
        Instant requestedAt = clock.instant();
        ImsTokenResponse response;
        try {
            response = ims.exchangeJwt(credentials.clientId(), credentials.clientSecret(), assertions.create());
        } catch (ImsException e) {
            throw explainedIfCertificateExpired(e, requestedAt);
        }
        return new AccessToken(response.accessToken(), requestedAt, requestedAt.plus(response.expiresIn()));
    }

    /** IMS does not say why it refuses a key whose certificate has expired; this library can. */
    private ImsException explainedIfCertificateExpired(ImsException e, Instant now) {
        Optional<Instant> expiry = credentials.certificateExpiresAt();
        if (!e.isConfigurationError() || expiry.isEmpty() || now.isBefore(expiry.get())) {
            return e;
        }
        return ImsExceptions.withMessage(e, e.getMessage() + ". The certificate of the service credentials in "
                + credentials.source() + " expired at " + expiry.get() + ": create new service credentials in the"
                + " AEM Developer Console");
    }

    private void warnIfCertificateExpiresSoon() {
        credentials.certificateExpiresAt().ifPresent(expiry -> {
            Instant now = clock.instant();
            if (!now.isBefore(expiry)) {
                LOG.log(Level.WARNING, "The certificate of the service credentials in {0} expired at {1}; IMS will"
                        + " refuse the exchange: create new service credentials in the AEM Developer Console",
                        credentials.source(), expiry);
            } else if (Duration.between(now, expiry).compareTo(CERTIFICATE_WARNING) < 0) {
                LOG.log(Level.WARNING, "The certificate of the service credentials in {0} expires at {1}; create"
                        + " new service credentials in the AEM Developer Console before then",
                        credentials.source(), expiry);
            }
        });
    }
}

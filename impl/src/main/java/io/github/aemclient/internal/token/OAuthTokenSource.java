package io.github.aemclient.internal.token;

import io.github.aemclient.AccessToken;
import io.github.aemclient.internal.credentials.OAuthCredentials;
import io.github.aemclient.internal.ims.ImsClient;
import io.github.aemclient.internal.ims.ImsTokenResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** OAuth Server-to-Server: client id, secret and scopes exchanged at IMS for an access token. */
public final class OAuthTokenSource implements TokenSource {

    private final OAuthCredentials credentials;
    private final ImsClient ims;
    private final Clock clock;

    public OAuthTokenSource(OAuthCredentials credentials, ImsClient ims, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials);
        this.ims = Objects.requireNonNull(ims);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public AccessToken fetch() {
        // Measured before the call so network time shortens, never lengthens, the token's assumed life.
        Instant requestedAt = clock.instant();
        ImsTokenResponse response = ims.clientCredentials(credentials.clientId(), credentials.clientSecret(),
                credentials.scopes());
        return new AccessToken(response.accessToken(), requestedAt, requestedAt.plus(response.expiresIn()));
    }

    @Override
    public String toString() {
        return "OAuthTokenSource[" + credentials + "]";
    }
}

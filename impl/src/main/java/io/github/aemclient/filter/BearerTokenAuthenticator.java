package io.github.aemclient.filter;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.AemClientException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Objects;

/** {@code Authorization: Bearer <token>} with a current token from the environment's provider. */
public final class BearerTokenAuthenticator implements RequestAuthenticator {

    /** Request property holding the token sent, so a 401 invalidates exactly that token. */
    public static final String TOKEN_PROPERTY = "io.github.aemclient.accessToken";

    private final AccessTokenProvider provider;
    /** The header text of the last token, so the hot path allocates nothing per request. */
    private volatile HeaderValue lastHeader;

    public BearerTokenAuthenticator(AccessTokenProvider provider) {
        this.provider = Objects.requireNonNull(provider);
    }

    @Override
    public void authenticate(ClientRequestContext request) {
        AccessToken token = provider.getAccessToken();
        request.setProperty(TOKEN_PROPERTY, token);
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, headerFor(token));
    }

    @Override
    public boolean rejected(ClientRequestContext request, boolean replacementWanted) {
        Object sent = request.getProperty(TOKEN_PROPERTY);
        if (!(sent instanceof AccessToken)) {
            return false;
        }
        provider.invalidate((AccessToken) sent);
        if (!replacementWanted) {
            return false;
        }
        try {
            return !provider.getAccessToken().equals(sent);
        } catch (AemClientException noNewToken) {
            // The 401 goes back to the caller; the next request reports why there is no token.
            return false;
        }
    }

    private String headerFor(AccessToken token) {
        HeaderValue cached = lastHeader;
        if (cached != null && cached.token == token) {
            return cached.header;
        }
        HeaderValue fresh = new HeaderValue(token, "Bearer " + token.value());
        lastHeader = fresh;
        return fresh.header;
    }

    @Override
    public String toString() {
        return "BearerTokenAuthenticator[" + provider + "]";
    }

    private record HeaderValue(AccessToken token, String header) {
    }
}

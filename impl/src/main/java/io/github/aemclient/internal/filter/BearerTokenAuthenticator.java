package io.github.aemclient.internal.filter;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.AemClientException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Objects;

/** {@code Authorization: Bearer <token>} with a current token from the environment's provider. */
public final class BearerTokenAuthenticator implements RequestAuthenticator {

    private final AccessTokenProvider provider;
    /** The header text of the last token, so the hot path allocates nothing per request. */
    private volatile HeaderValue lastHeader;

    public BearerTokenAuthenticator(AccessTokenProvider provider) {
        this.provider = Objects.requireNonNull(provider);
    }

    @Override
    public Object authenticate(ClientRequestContext request) {
        String header = headerFor(provider.getAccessToken());
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, header);
        return header;
    }

    /**
     * The header the rejected request carried says which token it was (the hot path records nothing per
     * request): if it is the current token, that one is dropped; if it is older, a newer one is already
     * in use and nothing is dropped.
     */
    @Override
    public boolean rejected(ClientRequestContext request, boolean replacementWanted) {
        String sent = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (sent == null) {
            return false;
        }
        HeaderValue current = lastHeader;
        if (current != null && current.header.equals(sent)) {
            provider.invalidate(current.token);
        }
        if (!replacementWanted) {
            return false;
        }
        try {
            return !headerFor(provider.getAccessToken()).equals(sent);
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

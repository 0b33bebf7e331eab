package io.github.aemclient.filter;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.util.Objects;

/**
 * Authenticates requests to one AEM environment. Only requests whose scheme, host and port are those of
 * the configured AEM URL get credentials; a request the same client sends anywhere else goes out
 * untouched. When AEM answers 401, the credential that request carried is reported as rejected, so the
 * next request gets a new token.
 *
 * <p>Failures to obtain a token surface from the JAX-RS call as a {@code ProcessingException} whose cause
 * is the library's exception ({@code ImsException}, {@code TokenExpiredException}, ...).
 */
@Priority(Priorities.AUTHENTICATION)
public final class AemAuthenticationFilter implements ClientRequestFilter, ClientResponseFilter {

    private final Origin aemOrigin;
    private final RequestAuthenticator authenticator;

    public AemAuthenticationFilter(Origin aemOrigin, RequestAuthenticator authenticator) {
        this.aemOrigin = Objects.requireNonNull(aemOrigin);
        this.authenticator = Objects.requireNonNull(authenticator);
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (aemOrigin.matches(request.getUri())) {
            authenticator.authenticate(request);
        }
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getStatus() == 401 && aemOrigin.matches(request.getUri())) {
            authenticator.rejected(request);
        }
    }

    @Override
    public String toString() {
        return "AemAuthenticationFilter[origin=" + aemOrigin + ", " + authenticator + "]";
    }
}

package io.github.aemclient.internal.filter;

import jakarta.ws.rs.client.ClientRequestContext;
import java.util.Objects;

/**
 * Adds {@code X-Api-Key: <client id>} to what another authenticator sends: Adobe's OpenAPI-based AEM APIs
 * require it next to the bearer token of an OAuth Server-to-Server credential. Like the token, it goes to
 * the configured AEM origin only (the filter decides that), and a replay after a 401 carries it again.
 */
public final class ApiKeyAuthenticator implements RequestAuthenticator {

    static final String HEADER = "X-Api-Key";

    private final RequestAuthenticator authenticator;
    private final String apiKey;

    public ApiKeyAuthenticator(RequestAuthenticator authenticator, String apiKey) {
        this.authenticator = Objects.requireNonNull(authenticator);
        this.apiKey = Objects.requireNonNull(apiKey);
    }

    @Override
    public Object authenticate(ClientRequestContext request) {
        Object put = authenticator.authenticate(request);
        request.getHeaders().putSingle(HEADER, apiKey);
        return put;
    }

    @Override
    public boolean rejected(ClientRequestContext request, boolean replacementWanted) {
        return authenticator.rejected(request, replacementWanted);
    }

    @Override
    public boolean withdraw(ClientRequestContext request, Object put) {
        boolean withdrawn = authenticator.withdraw(request, put);
        return HeaderValues.remove(request, HEADER, apiKey) || withdrawn;
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticator[" + authenticator + ", apiKey=" + apiKey + "]";
    }
}

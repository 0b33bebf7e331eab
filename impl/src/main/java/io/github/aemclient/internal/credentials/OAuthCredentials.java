package io.github.aemclient.internal.credentials;

import java.util.List;
import java.util.Objects;

/**
 * An OAuth Server-to-Server credential of the Adobe Developer Console: client id, client secret and the
 * scopes to ask for. {@link #toString()} shows no secret.
 */
public final class OAuthCredentials {

    private final String clientId;
    private final String clientSecret;
    private final List<String> scopes;
    private final String secretSource;

    /**
     * @param secretSource where the secret was read from (a property or a file), for messages
     */
    public OAuthCredentials(String clientId, String clientSecret, List<String> scopes, String secretSource) {
        this.clientId = requireText(clientId, "clientId");
        this.clientSecret = requireText(clientSecret, "clientSecret");
        this.scopes = List.copyOf(scopes);
        if (this.scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes must not be empty");
        }
        this.secretSource = Objects.requireNonNull(secretSource);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    public String clientId() {
        return clientId;
    }

    /** A secret: never log or show it. */
    public String clientSecret() {
        return clientSecret;
    }

    public List<String> scopes() {
        return scopes;
    }

    @Override
    public String toString() {
        return "OAuthCredentials[clientId=" + clientId + ", scopes=" + String.join(",", scopes) + ", secret from "
                + secretSource + "]";
    }
}

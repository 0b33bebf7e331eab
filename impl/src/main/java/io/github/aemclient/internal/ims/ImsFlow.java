package io.github.aemclient.internal.ims;

import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The two ways this library obtains tokens from IMS. They answer in the same shapes but count
 * {@code expires_in} in different units, and the same error code points at different settings.
 */
enum ImsFlow {
    /** Service credentials: {@code /ims/exchange/jwt}, {@code expires_in} in milliseconds. */
    JWT_EXCHANGE(ChronoUnit.MILLIS, "ms", Map.of(
            "invalid_client", "check technicalAccount.clientId and technicalAccount.clientSecret in the credentials",
            "invalid_signature", "the private key does not match a certificate registered for this integration:"
                    + " download the service credentials again",
            "invalid_token", "IMS rejected the signed JWT: check the org and id in the credentials, and that this"
                    + " machine's clock is right",
            "invalid_scope", "a metascope in the credentials is not granted to this integration",
            "bad_request", "IMS could not read the request (is ims-url pointing at IMS?)")),
    /** OAuth Server-to-Server: {@code /ims/token/v3}, {@code expires_in} in seconds. */
    CLIENT_CREDENTIALS(ChronoUnit.SECONDS, "s", Map.of(
            "invalid_client", "check the client id and client secret against the OAuth Server-to-Server credential"
                    + " in the Adobe Developer Console (a rotated secret must be replaced here too)",
            "invalid_scope", "a requested scope is not granted to this credential: copy the scopes the Developer"
                    + " Console shows for it, or add the API to the project",
            "unauthorized_client", "this credential may not use the client_credentials grant: it must be an OAuth"
                    + " Server-to-Server credential",
            "bad_request", "IMS could not read the request (is ims-url pointing at IMS?)"));

    private final ChronoUnit expiresInUnit;
    private final String unitSymbol;
    private final Map<String, String> hints;

    ImsFlow(ChronoUnit expiresInUnit, String unitSymbol, Map<String, String> hints) {
        this.expiresInUnit = expiresInUnit;
        this.unitSymbol = unitSymbol;
        this.hints = hints;
    }

    ChronoUnit expiresInUnit() {
        return expiresInUnit;
    }

    String unitSymbol() {
        return unitSymbol;
    }

    String hint(String error) {
        return hints.get(error);
    }
}

package io.github.aemclient.internal.ims;

import java.time.Duration;

/** A successful IMS answer: the access token and how long it lives. */
public final class ImsTokenResponse {

    private final String accessToken;
    private final Duration expiresIn;

    ImsTokenResponse(String accessToken, Duration expiresIn) {
        this.accessToken = accessToken;
        this.expiresIn = expiresIn;
    }

    public String accessToken() {
        return accessToken;
    }

    public Duration expiresIn() {
        return expiresIn;
    }

    @Override
    public String toString() {
        return "ImsTokenResponse[accessToken=<redacted>, expiresIn=" + expiresIn + "]";
    }
}

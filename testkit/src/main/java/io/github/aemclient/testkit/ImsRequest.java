package io.github.aemclient.testkit;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/** One request the IMS stand-in received, and how it answered. Immutable. */
public final class ImsRequest {

    private final String method;
    private final String path;
    private final String contentType;
    private final Map<String, String> form;
    private final JsonObject jwtHeader;
    private final JsonObject jwtClaims;
    private final int status;
    private final String error;

    ImsRequest(String method, String path, String contentType, Map<String, String> form, JsonObject jwtHeader,
            JsonObject jwtClaims, int status, String error) {
        this.method = method;
        this.path = path;
        this.contentType = contentType;
        this.form = Map.copyOf(form);
        this.jwtHeader = jwtHeader;
        this.jwtClaims = jwtClaims;
        this.status = status;
        this.error = error;
    }

    /** {@return the HTTP method} */
    public String method() {
        return method;
    }

    /** {@return the request path} */
    public String path() {
        return path;
    }

    /** {@return the {@code Content-Type} header, or null when none was sent} */
    public String contentType() {
        return contentType;
    }

    /**
     * {@return the decoded form parameters ({@code client_id}, {@code client_secret}, {@code jwt_token}):
     * an unmodifiable map, empty when the body was not a valid form}
     */
    public Map<String, String> form() {
        return form;
    }

    /** {@return the JWT assertion's header, when it could be decoded} */
    public Optional<JsonObject> jwtHeader() {
        return Optional.ofNullable(jwtHeader);
    }

    /** {@return the JWT assertion's claims, when they could be decoded} */
    public Optional<JsonObject> jwtClaims() {
        return Optional.ofNullable(jwtClaims);
    }

    /** {@return the status the stand-in answered with (0 when it dropped the connection)} */
    public int status() {
        return status;
    }

    /** {@return the IMS error code it answered with, if any} */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return "ImsRequest[" + method + " " + path + " -> " + status + (error == null ? "" : " " + error) + "]";
    }
}

package io.github.aemclient.internal.filter;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code Authorization: Basic ...}, the local AEM SDK's usual login (e.g. admin/admin). */
public final class BasicAuthenticator implements RequestAuthenticator, AutoCloseable {

    private final String username;
    private final String header;
    private volatile boolean closed;

    public BasicAuthenticator(String username, String password) {
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("A basic-auth username cannot contain ':'");
        }
        this.username = username;
        this.header = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Object authenticate(ClientRequestContext request) {
        if (closed) {
            throw new IllegalStateException("The AEM environment of user " + username + " is closed: its"
                    + " credentials are no longer sent");
        }
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, header);
        return header;
    }

    /** Credentials are not sent any more once their environment is closed. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "BasicAuthenticator[username=" + username + ", password=<redacted>]";
    }
}

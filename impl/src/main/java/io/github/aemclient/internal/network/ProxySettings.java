package io.github.aemclient.internal.network;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP proxy for IMS and AEM ({@code aem.<env>.proxy-address}, {@code proxy-user}, {@code proxy-password}).
 * HTTPS goes through it in {@code CONNECT} tunnels. {@link #toString()} shows no password.
 */
public final class ProxySettings {

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    public ProxySettings(String host, int port, String user, String password) {
        this.host = Objects.requireNonNull(host);
        this.port = port;
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("A proxy user needs a password and a password a user");
        }
        this.user = user;
        this.password = password;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@return {@code host:port}} */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Resolved when a connection is made, so a proxy whose address changes is followed. */
    public InetSocketAddress socketAddress() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** A secret. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /**
     * {@return credentials for this proxy and nothing else} An {@link Authenticator} per client, never the
     * JVM-wide default: the application's other HTTP clients are not given these credentials.
     */
    public Optional<Authenticator> authenticator() {
        if (user == null) {
            return Optional.empty();
        }
        return Optional.of(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY || getRequestingPort() != port
                        || !host.equalsIgnoreCase(getRequestingHost())) {
                    return null;
                }
                return new PasswordAuthentication(user, password.toCharArray());
            }
        });
    }

    @Override
    public String toString() {
        return address() + (user == null ? "" : " as " + user + " (password <redacted>)");
    }
}

package io.github.aemclient.internal.network;

import java.net.Authenticator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.UnknownHostException;
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
        return authenticator(() -> { });
    }

    /** @param given told each time the credentials are handed to the client (so that a 407 can say whether they were sent) */
    public Optional<Authenticator> authenticator(Runnable given) {
        if (user == null) {
            return Optional.empty();
        }
        return Optional.of(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY || getRequestingPort() != port
                        || !isProxy(getRequestingHost())) {
                    return null;
                }
                given.run();
                return new PasswordAuthentication(user, password.toCharArray());
            }
        });
    }

    /**
     * Whether a client asking for credentials names this proxy. Clients spell an address literal their own way
     * ({@code ::1} comes back as {@code 0:0:0:0:0:0:0:1} from Jersey's resolved address), so literals are
     * compared as addresses; names as names (no lookup here).
     */
    boolean isProxy(String requestingHost) {
        if (requestingHost == null) {
            return false;
        }
        if (host.equalsIgnoreCase(requestingHost)) {
            return true;
        }
        if (!isAddressLiteral(host) || !isAddressLiteral(requestingHost)) {
            return false;
        }
        try {
            return InetAddress.getByName(host).equals(InetAddress.getByName(requestingHost));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** An IPv4 or IPv6 literal: {@link InetAddress#getByName} parses it without a lookup. */
    private static boolean isAddressLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    @Override
    public String toString() {
        return address() + (user == null ? "" : " as " + user + " (password <redacted>)");
    }
}

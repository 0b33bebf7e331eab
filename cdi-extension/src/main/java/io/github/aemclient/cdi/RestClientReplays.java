package io.github.aemclient.cdi;

import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.internal.filter.AemAuthenticationFilter;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Configurable;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;

/**
 * Which client sends a Rest Client's call again after a 401. A Rest Client can only send what its proxy
 * built, so the call goes out again through a client of the environment: the environment's own, or, for
 * an interface whose {@code mp-rest} timeouts differ from the environment's, one with those timeouts (kept
 * per environment and pair of timeouts, closed at shutdown). An interface with transport settings of its
 * own ({@code trustStore}, {@code keyStore}, {@code hostnameVerifier}, {@code proxyAddress}) is not
 * replayed at all: the environment's client would reach AEM another way than the interface was told to.
 */
final class RestClientReplays {

    /** MicroProfile Rest Client settings that change how a connection is made. */
    static final List<String> TRANSPORT_SETTINGS = List.of("trustStore", "keyStore", "hostnameVerifier",
            "proxyAddress");

    private static final Logger LOG = System.getLogger(RestClientReplays.class.getName());

    /** Guarded by itself: made and closed under its lock, so none is made after close or left open. */
    private final Map<String, Client> withOwnTimeouts = new HashMap<>();
    private boolean closed;

    /**
     * Names, on {@code client}, how its 401s are replayed.
     *
     * @param client the Rest Client's builder
     * @param restInterface the interface it is built for
     * @param environment its environment
     * @param config the application's configuration
     */
    void configure(Configurable<?> client, Class<?> restInterface, AemEnvironment environment, Config config) {
        if (RestClientDefaults.anySet(config, restInterface, TRANSPORT_SETTINGS)) {
            client.property(AemAuthenticationFilter.REPLAY, Boolean.FALSE);
            return;
        }
        List<String> keys = RestClientDefaults.configKeysOf(restInterface);
        Optional<Duration> connect;
        Optional<Duration> read;
        try {
            connect = timeout(config, keys, "connectTimeout");
            read = timeout(config, keys, "readTimeout");
        } catch (IllegalArgumentException notMillis) {
            // Rest Client itself refuses the value when it configures the client; here it only costs the replay.
            LOG.log(Level.WARNING, () -> "A 401 of MicroProfile Rest Client " + restInterface.getName()
                    + " is not replayed: its mp-rest timeouts are not whole, non-negative milliseconds ("
                    + notMillis.getMessage() + ")");
            client.property(AemAuthenticationFilter.REPLAY, Boolean.FALSE);
            return;
        }
        Duration connectTimeout = connect.orElse(environment.connectTimeout());
        Duration readTimeout = read.orElse(environment.readTimeout());
        if (connectTimeout.equals(environment.connectTimeout()) && readTimeout.equals(environment.readTimeout())) {
            client.property(AemAuthenticationFilter.REPLAY_CLIENT, environment.client());
            return;
        }
        Client replays = clientWith(environment, connectTimeout, readTimeout);
        if (replays == null) {
            client.property(AemAuthenticationFilter.REPLAY, Boolean.FALSE);
        } else {
            client.property(AemAuthenticationFilter.REPLAY_CLIENT, replays);
        }
    }

    /** The client for these timeouts, made once; none once closed (the application is stopping). */
    private Client clientWith(AemEnvironment environment, Duration connect, Duration read) {
        String key = environment.name() + '|' + connect.toMillis() + '|' + read.toMillis();
        synchronized (withOwnTimeouts) {
            if (closed) {
                return null;
            }
            return withOwnTimeouts.computeIfAbsent(key, unused -> environment.newClient(ClientBuilder.newBuilder()
                    .connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(read.toMillis(), TimeUnit.MILLISECONDS)));
        }
    }

    /** The setting under the interface's name, else under its configKey: Rest Client's own precedence. */
    private static Optional<Duration> timeout(Config config, List<String> keys, String setting) {
        for (String key : keys) {
            Optional<Long> millis = config.getOptionalValue(key + "/mp-rest/" + setting, Long.class);
            if (millis.isPresent()) {
                if (millis.get() < 0) {
                    throw new IllegalArgumentException(key + "/mp-rest/" + setting + " is " + millis.get());
                }
                return millis.map(Duration::ofMillis);
            }
        }
        return Optional.empty();
    }

    /** Closes the clients made for interfaces with timeouts of their own. */
    void close() {
        synchronized (withOwnTimeouts) {
            closed = true;
            for (Client client : withOwnTimeouts.values()) {
                try {
                    client.close();
                } catch (RuntimeException e) {
                    // Closing the others matters more than this one's failure.
                }
            }
            withOwnTimeouts.clear();
        }
    }

    /** {@return how many clients with timeouts of their own are open} For tests. */
    int openClients() {
        synchronized (withOwnTimeouts) {
            return withOwnTimeouts.size();
        }
    }
}

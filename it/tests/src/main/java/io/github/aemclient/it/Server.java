package io.github.aemclient.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What differs between the server modules, given by each module's failsafe configuration. */
final class Server {

    private Server() {
    }

    /** The configuration the suite runs on (payara, payara7, wildfly, liberty...): it names the reports. */
    static String name() {
        return System.getProperty("it.server", "unknown");
    }

    /**
     * The server product (payara, wildfly or liberty), for what the tests expect of it: several configurations
     * of one product (Payara Micro 6 and 7) expect the same.
     */
    static String family() {
        return System.getProperty("it.server.family", name());
    }

    /** A setting the server module's failsafe configuration gives (see the it module's pom). */
    static String configured(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the suite through"
                    + " Maven (mvn verify in it/<server>), whose failsafe configuration sets it");
        }
        return value;
    }

    /**
     * A loopback port the build reserved for a stand-in the server is configured with ({@code it.local-sdk.port},
     * {@code it.site.port}: build-helper's reserve-network-port in the it module's pom), so that two builds on
     * one machine do not collide.
     */
    static int reservedPort(String property) {
        String port = configured(property);
        if (!port.matches("[0-9]{1,5}")) {
            throw new IllegalStateException("system property " + property + " is " + port + ", not a port: run"
                    + " the suite through Maven (mvn verify in it/<server>), which reserves one");
        }
        return Integer.parseInt(port);
    }

    /**
     * The application's URL on loopback. Adapters report the server at the machine's interface address
     * (Payara Micro) or at localhost; tests only ever talk to 127.0.0.1.
     */
    static URI loopback(URL base, String path) {
        return URI.create("http://127.0.0.1:" + base.getPort() + base.getPath() + path);
    }

    /**
     * Where MicroProfile Health answers: {@code it.health.url} where the server serves it elsewhere (WildFly:
     * its management interface), empty where {@code it.health.url} is {@code none} (a configuration without
     * MicroProfile Health), otherwise {@code /health} on the application's port.
     */
    static Optional<String> healthUrl(URL base) {
        String configured = System.getProperty("it.health.url", "");
        if (configured.equals("none")) {
            return Optional.empty();
        }
        return Optional.of(configured.isBlank() ? "http://127.0.0.1:" + base.getPort() + "/health" : configured);
    }

    /**
     * The incident reports the server has written so far: Open Liberty's First Failure Data Capture files
     * ({@code ffdc/} beside its log), where it puts exceptions it caught; none for other servers.
     */
    static List<Path> incidentReports() {
        String file = System.getProperty("it.server.log");
        if (file == null || file.isBlank()) {
            return List.of();
        }
        Path ffdc = Path.of(file).resolveSibling("ffdc");
        if (!Files.isDirectory(ffdc)) {
            return List.of();
        }
        try (Stream<Path> reports = Files.list(ffdc)) {
            return reports.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text file's content, such as an incident report's. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's log file, for servers that write one ({@code it.server.log}); empty otherwise. */
    static String logFile() {
        String file = System.getProperty("it.server.log");
        if (file == null || file.isBlank() || !Files.exists(Path.of(file))) {
            return "";
        }
        return read(Path.of(file));
    }
}

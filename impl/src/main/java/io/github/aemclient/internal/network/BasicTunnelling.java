package io.github.aemclient.internal.network;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/**
 * Whether this JVM sends Basic credentials to a proxy when it opens a {@code CONNECT} tunnel. Since Java 8u111
 * the JDK's HTTP clients do not ({@code jdk.http.auth.tunneling.disabledSchemes=Basic} in
 * {@code conf/net.properties}) and answer a proxy's 407 with nothing; the setting is JVM-wide and read once,
 * so a library cannot change it for itself — it can only tell the operator before the first call fails.
 */
public final class BasicTunnelling {

    /** The JDK's networking property. */
    public static final String PROPERTY = "jdk.http.auth.tunneling.disabledSchemes";

    private BasicTunnelling() {
    }

    /** {@return whether Basic is among the disabled tunnelling schemes: the system property, else net.properties} */
    public static boolean disabled() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            value = netProperties().getProperty(PROPERTY);
        }
        return value != null && Arrays.stream(value.split(",")).map(String::strip).anyMatch("Basic"::equalsIgnoreCase);
    }

    private static Properties netProperties() {
        Properties properties = new Properties();
        Path file = Path.of(System.getProperty("java.home"), "conf", "net.properties");
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | RuntimeException e) {
            // No file: the JDK's built-in default, which disables Basic.
            properties.setProperty(PROPERTY, "Basic");
        }
        return properties;
    }
}

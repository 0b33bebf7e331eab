package io.github.aemclient.internal.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where configuration values come from: MicroProfile Config in a server, a map or the JVM's system
 * properties and environment in plain Java. Blank values count as absent, as in MicroProfile Config.
 */
@FunctionalInterface
public interface PropertyLookup {

    Optional<String> raw(String name);

    default Optional<String> get(String name) {
        return raw(name).filter(value -> !value.isBlank());
    }

    static PropertyLookup of(Map<String, String> properties) {
        return name -> Optional.ofNullable(properties.get(name));
    }

    /**
     * System properties, then environment variables named as MicroProfile Config maps them:
     * {@code aem.author.credentials-file} is also found as {@code AEM_AUTHOR_CREDENTIALS_FILE}
     * (and {@code aem_author_credentials_file}).
     */
    static PropertyLookup systemAndEnvironment() {
        return systemAndEnvironment(System.getenv());
    }

    static PropertyLookup systemAndEnvironment(Map<String, String> environment) {
        return name -> {
            String value = System.getProperty(name);
            if (value == null) {
                value = environment.get(name);
            }
            if (value == null) {
                value = environment.get(sanitized(name));
            }
            if (value == null) {
                value = environment.get(environmentVariableName(name));
            }
            return Optional.ofNullable(value);
        };
    }

    /** The environment variable MicroProfile Config maps to a property: {@code aem.author.url} → {@code AEM_AUTHOR_URL}. */
    static String environmentVariableName(String property) {
        return sanitized(property).toUpperCase(Locale.ROOT);
    }

    private static String sanitized(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_");
    }
}

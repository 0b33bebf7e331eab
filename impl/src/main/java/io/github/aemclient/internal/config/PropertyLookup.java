package io.github.aemclient.internal.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where configuration values come from: MicroProfile Config in a server, a map or the JVM's system
 * properties and environment in plain Java. Blank values count as absent, as in MicroProfile Config.
 */
@FunctionalInterface
public interface PropertyLookup extends Function<String, Optional<String>> {

    Optional<String> raw(String name);

    /** {@link #raw}: a lookup can be given where a configuration function is taken (AemEnvironment.Builder). */
    @Override
    default Optional<String> apply(String name) {
        return raw(name);
    }

    default Optional<String> get(String name) {
        return raw(name).filter(value -> !value.isBlank());
    }

    /**
     * The names this source holds, when it can list them: used to report properties in an environment's
     * namespace that are no setting (a mistyped {@code aem.author.credential-file} would otherwise be ignored).
     */
    default Optional<Set<String>> names() {
        return Optional.empty();
    }

    static PropertyLookup of(Map<String, String> properties) {
        return new PropertyLookup() {
            @Override
            public Optional<String> raw(String name) {
                return Optional.ofNullable(properties.get(name));
            }

            @Override
            public Optional<Set<String>> names() {
                return Optional.of(properties.keySet());
            }
        };
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
        return new PropertyLookup() {
            @Override
            public Optional<String> raw(String name) {
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
            }

            /** System properties only: an environment variable's name does not say where its dashes were. */
            @Override
            public Optional<Set<String>> names() {
                return Optional.of(System.getProperties().stringPropertyNames());
            }
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

package io.github.aemclient.cdi;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.internal.config.PropertyLookup;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Reads {@code aem.<env>.*} from MicroProfile Config, which expands property expressions ({@code ${name}})
 * in every value — secrets included. A secret that happens to contain {@code ${} therefore cannot be read
 * as written: smallrye-config drops the whole value when the expression names no property (so the setting
 * looks absent) and throws on an unterminated one. Either is reported here as an
 * {@link AemConfigurationException} naming the property and the escape, never quoting the value nor the
 * implementation's message (which quotes the expression, a piece of the secret).
 */
final class MicroProfileConfigLookup implements PropertyLookup {

    private static final String EXPRESSION_START = "${";

    private final Config config;

    MicroProfileConfigLookup(Config config) {
        this.config = Objects.requireNonNull(config);
    }

    @Override
    public Optional<String> raw(String name) {
        Optional<String> value;
        try {
            value = config.getOptionalValue(name, String.class);
        } catch (RuntimeException e) {
            throw unreadable(name, e);
        }
        if (value.isEmpty() && expansionFailed(name)) {
            throw unreadable(name, null);
        }
        return value;
    }

    /** Every property name the sources list (some sources cannot list theirs; those are simply not checked). */
    @Override
    public Optional<Set<String>> names() {
        try {
            Set<String> names = new HashSet<>();
            config.getPropertyNames().forEach(names::add);
            return Optional.of(names);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A value is set but its expansion gave none (an expression to an empty default, {@code ${x:}}, gives ""). */
    private boolean expansionFailed(String name) {
        if (!unexpanded(name).contains(EXPRESSION_START)) {
            return false;
        }
        try {
            return config.getConfigValue(name).getValue() == null;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** The value as a config source holds it, before expansion; "" when no source has it. */
    private String unexpanded(String name) {
        try {
            for (ConfigSource source : config.getConfigSources()) {
                String value = source.getValue(name);
                if (value != null) {
                    return value;
                }
            }
        } catch (RuntimeException e) {
            // A source that cannot be asked: nothing to say about the value.
        }
        return "";
    }

    private AemConfigurationException unreadable(String name, RuntimeException failure) {
        String property = name + " (environment variable " + PropertyLookup.environmentVariableName(name) + ")";
        if (unexpanded(name).contains(EXPRESSION_START)) {
            String prefix = name.substring(0, name.lastIndexOf('.') + 1);
            return new AemConfigurationException(name, property + " could not be read: its value contains '${',"
                    + " which MicroProfile Config treats as the start of a property expression, and that expression"
                    + " cannot be expanded. If '${' is part of the value (a password, a secret), escape it as '\\${'"
                    + " (written '\\\\${' in a .properties file), or put credentials or a token in a file ("
                    + prefix + "credentials-file, " + prefix + "token-file)");
        }
        // The implementation's message may quote the value: only its type is named.
        return new AemConfigurationException(name, property + " could not be read from MicroProfile Config ("
                + failure.getClass().getSimpleName() + ")");
    }
}

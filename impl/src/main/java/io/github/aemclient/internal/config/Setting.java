package io.github.aemclient.internal.config;

import io.github.aemclient.client.AuthMode;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code aem.<env>.<key>} setting, declared once in {@link Settings}: its key, how its text is read and
 * checked, its default, which authentication modes use it and what it means. The reader, the defaults the
 * code uses and the README's configuration table all come from these declarations.
 *
 * @param <T> the value's type once read
 */
public final class Setting<T> {

    private final String key;
    private final SettingType<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final Set<AuthMode> modes;
    private final String description;

    Setting(String key, SettingType<T> type, T defaultValue, String defaultText, Set<AuthMode> modes,
            String description) {
        this.key = Objects.requireNonNull(key);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.defaultText = Objects.requireNonNull(defaultText);
        this.modes = modes.isEmpty() ? EnumSet.allOf(AuthMode.class) : EnumSet.copyOf(modes);
        this.description = Objects.requireNonNull(description);
    }

    /** The part after {@code aem.<env>.}, e.g. {@code read-timeout}. */
    public String key() {
        return key;
    }

    /** {@code aem.<environment>.<key>} */
    public String property(String environment) {
        return "aem." + environment + "." + key;
    }

    SettingType<T> type() {
        return type;
    }

    /** The value when the setting is absent; empty when there is none (required, inferred or optional). */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * The default, for code that needs one without reading configuration.
     *
     * @throws IllegalStateException when the setting has none
     */
    public T defaultOrFail() {
        if (defaultValue == null) {
            throw new IllegalStateException(this + " has no default");
        }
        return defaultValue;
    }

    /** The default as the README shows it. */
    String defaultText() {
        return defaultText;
    }

    /** The modes in which the setting has an effect. */
    public Set<AuthMode> modes() {
        return EnumSet.copyOf(modes);
    }

    /** What the setting means, in the README's words (Markdown). */
    String description() {
        return description;
    }

    /** The allowed values, as in "use …" (e.g. {@code a duration from 1ms to 10m}); empty for free text. */
    String allowed() {
        return type.allowed();
    }

    @Override
    public String toString() {
        return "aem.<env>." + key;
    }
}

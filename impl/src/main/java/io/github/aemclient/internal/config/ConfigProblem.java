package io.github.aemclient.internal.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One thing wrong with a configuration: the setting at fault, the kind of problem, and a message each
 * front end renders in its own vocabulary ({@link SettingNames}).
 */
public final class ConfigProblem {

    /** What kind of problem. */
    public enum Kind {
        /** A required setting is absent. */
        MISSING,
        /** A value cannot be read or is outside its range. */
        INVALID,
        /** Settings that exclude each other are both set. */
        CONFLICT,
        /** Credentials would cross the network unencrypted. */
        INSECURE,
        /** The file or JSON a setting points to cannot be used; {@link #source()} names the field or file. */
        UNUSABLE_CONTENT,
        /** A property in the environment's namespace that is no setting (a typo, most likely). */
        UNKNOWN_SETTING
    }

    private final Setting<?> setting;
    private final String key;
    private final Kind kind;
    private final Function<SettingNames, String> message;
    private final String contentSource;
    private final Throwable cause;

    ConfigProblem(Setting<?> setting, Kind kind, Function<SettingNames, String> message, String contentSource,
            Throwable cause) {
        this(Objects.requireNonNull(setting), setting.key(), kind, message, contentSource, cause);
    }

    private ConfigProblem(Setting<?> setting, String key, Kind kind, Function<SettingNames, String> message,
            String contentSource, Throwable cause) {
        this.setting = setting;
        this.key = Objects.requireNonNull(key);
        this.kind = Objects.requireNonNull(kind);
        this.message = Objects.requireNonNull(message);
        this.contentSource = contentSource;
        this.cause = cause;
    }

    /**
     * A property set in the environment's namespace ({@code aem.<env>.<key>}) that is no setting.
     *
     * @param property the full property name, as set
     */
    static ConfigProblem unknownSetting(String key, String property) {
        String hint = Settings.suggestion(key, s -> "'" + s.key() + "'");
        return new ConfigProblem(null, key, Kind.UNKNOWN_SETTING, n -> property + " is not an AEM setting; " + hint,
                property, null);
    }

    /** The setting at fault; empty for an {@link Kind#UNKNOWN_SETTING}. */
    public Optional<Setting<?>> setting() {
        return Optional.ofNullable(setting);
    }

    /** The key at fault ({@code read-timeout}), a setting's or the unknown one. */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON field or file at fault, when the problem is in what a setting points to. */
    public Optional<String> contentSource() {
        return Optional.ofNullable(contentSource);
    }

    /** What {@code AemConfigurationException.source()} names: the JSON field or file, else the setting. */
    String source(SettingNames names) {
        return contentSource != null ? contentSource : names.of(setting);
    }


    Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    /** The message in the given vocabulary. */
    public String message(SettingNames names) {
        return message.apply(names);
    }

    @Override
    public String toString() {
        return kind + " aem.<env>." + key;
    }
}

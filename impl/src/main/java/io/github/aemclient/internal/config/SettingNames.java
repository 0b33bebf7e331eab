package io.github.aemclient.internal.config;

import java.util.Optional;

/**
 * The vocabulary a front end uses for settings in its messages: property and environment-variable names
 * for the CDI extension and plain Java ({@link #of(String)}), option names for the CLI.
 */
public interface SettingNames {

    /** What the user set, e.g. {@code aem.author.url} or {@code --url}; empty when it cannot be set there. */
    Optional<String> name(Setting<?> setting);

    /** The environment variable the same setting can be given as, e.g. {@code AEM_AUTHOR_URL}; may be empty. */
    Optional<String> environmentVariable(Setting<?> setting);

    /** What the settings configure, e.g. {@code environment 'author'}, as in "no credentials are configured for …". */
    String subject();

    /** The line above a list of {@code count} problems, e.g. {@code AEM environment 'author' has 2 configuration problems:}. */
    String problemsHeading(int count);

    /** The setting's name, or its key when this front end has no name for it. */
    default String of(Setting<?> setting) {
        return name(setting).orElse(setting.key());
    }

    /** Property names for {@code environment}: {@code aem.author.url} (environment variable {@code AEM_AUTHOR_URL}). */
    static SettingNames of(String environment) {
        return new SettingNames() {
            @Override
            public Optional<String> name(Setting<?> setting) {
                return Optional.of(setting.property(environment));
            }

            @Override
            public Optional<String> environmentVariable(Setting<?> setting) {
                return Optional.of(PropertyLookup.environmentVariableName(setting.property(environment)));
            }

            @Override
            public String subject() {
                return "environment '" + environment + "'";
            }

            @Override
            public String problemsHeading(int count) {
                return "AEM environment '" + environment + "' has " + count + " configuration problems:";
            }
        };
    }
}

package io.github.aemclient.cli;

import io.github.aemclient.internal.config.Setting;
import io.github.aemclient.internal.config.SettingNames;
import io.github.aemclient.internal.config.Settings;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's vocabulary for the library's settings: the options the user typed. The library's validation
 * reports structured problems; rendered with these names, its messages name {@code --url}, not
 * {@code aem.cli.url}, and say nothing of settings the command line cannot set.
 */
final class OptionNames implements SettingNames {

    /** The environment name the CLI's settings are read under; never shown to the user in a configuration message. */
    static final String ENVIRONMENT = "cli";

    static final OptionNames INSTANCE = new OptionNames();

    private static final Map<Setting<?>, String> OPTIONS = Map.of(
            Settings.CREDENTIALS_FILE, "--credentials",
            Settings.TOKEN_FILE, "--token-file",
            Settings.IMS_URL, "--ims-url",
            Settings.URL, "--url",
            Settings.CONNECT_TIMEOUT, "--connect-timeout",
            Settings.READ_TIMEOUT, "--read-timeout",
            Settings.USERNAME, "--user",
            Settings.PASSWORD, "--user");

    private OptionNames() {
    }

    @Override
    public Optional<String> name(Setting<?> setting) {
        return Optional.ofNullable(OPTIONS.get(setting));
    }

    @Override
    public Optional<String> alternative(Setting<?> setting) {
        return Optional.empty();
    }

    @Override
    public String subject() {
        return "this command";
    }

    @Override
    public String problemsHeading(int count) {
        return "The command line has " + count + " problems:";
    }
}

package io.github.aemclient.cli;

import io.github.aemclient.internal.config.Setting;
import io.github.aemclient.internal.config.SettingNames;
import io.github.aemclient.internal.config.Settings;
import java.util.Comparator;
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

    private static final Map<Setting<?>, String> OPTIONS = Map.ofEntries(
            Map.entry(Settings.CREDENTIALS_FILE, "--credentials"),
            Map.entry(Settings.CLIENT_ID, "--client-id"),
            Map.entry(Settings.CLIENT_SECRET_FILE, "--client-secret-file"),
            Map.entry(Settings.SCOPES, "--scopes"),
            Map.entry(Settings.TOKEN_FILE, "--token-file"),
            Map.entry(Settings.IMS_URL, "--ims-url"),
            Map.entry(Settings.URL, "--url"),
            Map.entry(Settings.CONNECT_TIMEOUT, "--connect-timeout"),
            Map.entry(Settings.READ_TIMEOUT, "--read-timeout"),
            Map.entry(Settings.USERNAME, "--user"),
            Map.entry(Settings.PASSWORD, "--user"),
            Map.entry(Settings.TRUST_STORE, "--trust-store"),
            Map.entry(Settings.TRUST_STORE_TYPE, "--trust-store-type"),
            Map.entry(Settings.TRUST_STORE_PASSWORD, ConnectionOptions.TRUST_STORE_PASSWORD_VARIABLE),
            Map.entry(Settings.PROXY_ADDRESS, "--proxy"),
            Map.entry(Settings.PROXY_USER, "--proxy-user"),
            Map.entry(Settings.PROXY_PASSWORD, ConnectionOptions.PROXY_PASSWORD_VARIABLE));

    private OptionNames() {
    }

    /**
     * A message of the library's that names settings as {@code aem.<env>.read-timeout} (those raised while
     * calling, not configuring), in the options the user typed; settings the command line cannot set stay.
     */
    String inOptions(String message) {
        if (message == null) {
            return null;
        }
        String rendered = message;
        // Longest first: aem.<env>.trust-store is the start of aem.<env>.trust-store-password.
        for (Map.Entry<Setting<?>, String> option : OPTIONS.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<Setting<?>, String> e) -> e.getKey().key().length()).reversed())
                .toList()) {
            rendered = rendered.replace(option.getKey().toString(), option.getValue());
        }
        return rendered;
    }

    @Override
    public Optional<String> name(Setting<?> setting) {
        return Optional.ofNullable(OPTIONS.get(setting));
    }

    @Override
    public Optional<String> environmentVariable(Setting<?> setting) {
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

package io.github.aemclient.internal.config;

import io.github.aemclient.client.AuthMode;
import java.util.EnumSet;
import java.util.stream.Collectors;

/** The README's configuration table, rendered from {@link Settings}: the README cannot drift from the code. */
final class SettingsTable {

    static final String BEGIN = "<!-- settings table: generated from Settings.java; SettingsTableTest checks it -->";
    static final String END = "<!-- end of settings table -->";

    private SettingsTable() {
    }

    static String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| property | default | allowed | modes | meaning |\n");
        table.append("|---|---|---|---|---|\n");
        for (Setting<?> setting : Settings.all()) {
            table.append("| `aem.<env>.").append(setting.key()).append("` | ").append(setting.defaultText())
                    .append(" | ").append(setting.allowed()).append(" | ").append(modes(setting))
                    .append(" | ").append(setting.description()).append(" |\n");
        }
        return table.toString();
    }

    private static String modes(Setting<?> setting) {
        if (setting.modes().equals(EnumSet.allOf(AuthMode.class))) {
            return "all";
        }
        return setting.modes().stream().map(AuthMode::configName).collect(Collectors.joining(", "));
    }
}

package io.github.aemclient.cli;

import java.util.Map;

/**
 * The CLI reuses the library's validation, whose messages name {@code aem.<env>.*} properties; on the
 * command line the user typed options, so messages name those instead.
 */
final class OptionNames {

    static final String ENVIRONMENT = "cli";

    private static final Map<String, String> OPTIONS = Map.of(
            "credentials-file", "--credentials",
            "token-file", "--token-file",
            "ims-url", "--ims-url",
            "url", "--url",
            "connect-timeout", "--connect-timeout",
            "read-timeout", "--read-timeout",
            "username", "--user",
            "password", "--user");

    private OptionNames() {
    }

    static String translate(String message) {
        String translated = message;
        for (Map.Entry<String, String> option : OPTIONS.entrySet()) {
            translated = translated.replace("aem." + ENVIRONMENT + "." + option.getKey(), option.getValue());
        }
        return translated.replace("environment '" + ENVIRONMENT + "'", "this command")
                .replace("AEM environment '" + ENVIRONMENT + "'", "The command line");
    }
}

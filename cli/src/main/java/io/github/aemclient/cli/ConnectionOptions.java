package io.github.aemclient.cli;

import io.github.aemclient.internal.config.Setting;
import io.github.aemclient.internal.config.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** How to authenticate, shared by every command; turned into the library's own {@code aem.<env>.*} settings. */
final class ConnectionOptions {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Credentials credentials;

    static final class Credentials {
        @Option(names = "--credentials", paramLabel = "FILE",
                description = "Service credentials JSON downloaded from the AEM Developer Console.")
        Path credentialsFile;

        @Option(names = "--token-file", paramLabel = "FILE",
                description = "A local development token (raw, or the Developer Console's JSON).")
        Path tokenFile;

        @Option(names = "--user", paramLabel = "USER:PASSWORD",
                description = "HTTP basic auth, e.g. for a local AEM SDK (admin:admin).")
        String user;
    }

    @Option(names = "--ims-url", paramLabel = "URL",
            description = "IMS base URL (default: https://<imsEndpoint> from the credentials).")
    String imsUrl;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", description = "e.g. 10s (default 10s).")
    String connectTimeout;

    @Option(names = "--read-timeout", paramLabel = "DURATION", description = "e.g. 30s (default 30s).")
    String readTimeout;

    @Option(names = "--verbose", description = "Stack traces and library logging on errors.")
    boolean verbose;

    Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        if (credentials != null) {
            put(properties, Settings.CREDENTIALS_FILE, credentials.credentialsFile);
            put(properties, Settings.TOKEN_FILE, credentials.tokenFile);
            if (credentials.user != null) {
                int colon = credentials.user.indexOf(':');
                if (colon <= 0 || credentials.user.substring(0, colon).isBlank()) {
                    throw new IllegalArgumentException("--user must be USER:PASSWORD");
                }
                put(properties, Settings.USERNAME, credentials.user.substring(0, colon));
                put(properties, Settings.PASSWORD, credentials.user.substring(colon + 1));
            }
        }
        put(properties, Settings.IMS_URL, imsUrl);
        put(properties, Settings.CONNECT_TIMEOUT, connectTimeout);
        put(properties, Settings.READ_TIMEOUT, readTimeout);
        return properties;
    }

    static void put(Map<String, String> properties, Setting<?> setting, Object value) {
        if (value != null) {
            properties.put(setting.property(OptionNames.ENVIRONMENT), value.toString());
        }
    }
}

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

        @ArgGroup(exclusive = false, multiplicity = "0..1", heading = "OAuth Server-to-Server credential:%n")
        OAuth oauth;
    }

    /** An OAuth Server-to-Server credential: all three options together. */
    static final class OAuth {
        @Option(names = "--client-id", required = true, paramLabel = "ID",
                description = "Client ID of an OAuth Server-to-Server credential (Adobe Developer Console).")
        String clientId;

        @Option(names = "--client-secret-file", required = true, paramLabel = "FILE",
                description = "A file holding its client secret (not given inline: it would show in ps and history).")
        Path clientSecretFile;

        @Option(names = "--scopes", required = true, paramLabel = "LIST",
                description = "Its scopes, comma-separated, e.g. openid,AdobeID,aem.folders")
        String scopes;
    }

    @Option(names = "--ims-url", paramLabel = "URL",
            description = "IMS base URL (default: https://<imsEndpoint> from --credentials; https://ims-na1.adobelogin.com with --client-id).")
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
            if (credentials.oauth != null) {
                put(properties, Settings.CLIENT_ID, credentials.oauth.clientId);
                put(properties, Settings.CLIENT_SECRET_FILE, credentials.oauth.clientSecretFile);
                put(properties, Settings.SCOPES, credentials.oauth.scopes);
            }
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

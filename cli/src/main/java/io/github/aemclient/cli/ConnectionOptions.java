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

        @Option(names = "--user", paramLabel = "USER",
                description = "HTTP basic auth, e.g. for a local AEM SDK (admin); the password comes from"
                        + " --password-stdin or the AEM_PASSWORD environment variable (USER:PASSWORD works too,"
                        + " with a warning: it shows in ps and the shell's history).")
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

    @Option(names = "--password-stdin", description = "Read the --user password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = "--ims-url", paramLabel = "URL",
            description = "IMS base URL (default: https://<imsEndpoint> from --credentials; https://ims-na1.adobelogin.com with --client-id).")
    String imsUrl;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", description = "e.g. 10s (default 10s).")
    String connectTimeout;

    @Option(names = "--read-timeout", paramLabel = "DURATION", description = "e.g. 30s (default 30s).")
    String readTimeout;

    @Option(names = "--trust-store", paramLabel = "FILE",
            description = "Certificates to trust instead of the JVM's CAs, for IMS and AEM: PEM, PKCS12 or JKS (its"
                    + " password from the " + TRUST_STORE_PASSWORD_VARIABLE + " environment variable).")
    Path trustStore;

    @Option(names = "--trust-store-type", paramLabel = "TYPE", description = "PKCS12, JKS or PEM (default: from the content).")
    String trustStoreType;

    @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "An HTTP proxy for IMS and AEM.")
    String proxy;

    @Option(names = "--proxy-user", paramLabel = "USER",
            description = "Basic authentication to the proxy; the password comes from the " + PROXY_PASSWORD_VARIABLE
                    + " environment variable (USER:PASSWORD works too, with a warning).")
    String proxyUser;

    @Option(names = "--verbose", description = "Stack traces and library logging on errors.")
    boolean verbose;

    /** The environment variable a --user password can come from, as {@code docker login} takes it from stdin. */
    static final String PASSWORD_VARIABLE = "AEM_PASSWORD";
    static final String PROXY_PASSWORD_VARIABLE = "AEM_PROXY_PASSWORD";
    static final String TRUST_STORE_PASSWORD_VARIABLE = "AEM_TRUST_STORE_PASSWORD";

    Map<String, String> properties(Terminal terminal) {
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
                basicAuth(properties, terminal);
            }
        }
        if (passwordStdin && (credentials == null || credentials.user == null)) {
            throw new IllegalArgumentException("--password-stdin is the password of --user; give --user USER too");
        }
        put(properties, Settings.IMS_URL, imsUrl);
        put(properties, Settings.CONNECT_TIMEOUT, connectTimeout);
        put(properties, Settings.READ_TIMEOUT, readTimeout);
        put(properties, Settings.TRUST_STORE, trustStore);
        put(properties, Settings.TRUST_STORE_TYPE, trustStoreType);
        if (trustStore != null) {
            put(properties, Settings.TRUST_STORE_PASSWORD, terminal.environment(TRUST_STORE_PASSWORD_VARIABLE)
                    .orElse(null));
        }
        put(properties, Settings.PROXY_ADDRESS, proxy);
        if (proxyUser != null) {
            proxyAuth(properties, terminal);
        }
        return properties;
    }

    /** A password on the command line is visible to every user of the machine (ps) and kept in shell history. */
    private void basicAuth(Map<String, String> properties, Terminal terminal) {
        Login login = Login.of(credentials.user, "--user");
        String password;
        if (login.inlinePassword() != null) {
            if (passwordStdin) {
                throw new IllegalArgumentException("The password is given twice (--user USER:PASSWORD and"
                        + " --password-stdin); give --user USER and the password on standard input");
            }
            password = login.inlinePassword();
            login.warnInline(terminal, "password", "--user USER with --password-stdin or the " + PASSWORD_VARIABLE
                    + " environment variable");
        } else if (passwordStdin) {
            password = terminal.firstLineOfInput().orElseThrow(() -> new IllegalArgumentException(
                    "--password-stdin: standard input is empty; pipe the password in, e.g."
                            + " printf %s \"$PASSWORD\" | aem-token ... --password-stdin"));
        } else {
            password = terminal.environment(PASSWORD_VARIABLE).orElseThrow(() -> new IllegalArgumentException(
                    "--user " + login.user() + " needs a password: pipe it in with --password-stdin or set "
                            + PASSWORD_VARIABLE));
        }
        put(properties, Settings.USERNAME, login.user());
        put(properties, Settings.PASSWORD, password);
    }

    /** As {@code --user}: never a password on the command line without a warning. */
    private void proxyAuth(Map<String, String> properties, Terminal terminal) {
        Login login = Login.of(proxyUser, "--proxy-user");
        String password;
        if (login.inlinePassword() != null) {
            password = login.inlinePassword();
            login.warnInline(terminal, "proxy password", "--proxy-user USER and the " + PROXY_PASSWORD_VARIABLE
                    + " environment variable");
        } else {
            password = terminal.environment(PROXY_PASSWORD_VARIABLE).orElseThrow(() -> new IllegalArgumentException(
                    "--proxy-user " + login.user() + " needs a password: set " + PROXY_PASSWORD_VARIABLE));
        }
        put(properties, Settings.PROXY_USER, login.user());
        put(properties, Settings.PROXY_PASSWORD, password);
    }

    /** {@code USER} or {@code USER:PASSWORD} as typed after {@code option}. */
    private record Login(String option, String user, String inlinePassword) {

        static Login of(String typed, String option) {
            int colon = typed.indexOf(':');
            String user = colon < 0 ? typed : typed.substring(0, colon);
            if (user.isBlank()) {
                throw new IllegalArgumentException(option + " needs a user name: " + option + " USER");
            }
            return new Login(option, user, colon < 0 ? null : typed.substring(colon + 1));
        }

        void warnInline(Terminal terminal, String what, String instead) {
            terminal.warn("the " + what + " given inline with " + option + " USER:PASSWORD shows in ps output and shell"
                    + " history; use " + instead);
        }
    }

    static void put(Map<String, String> properties, Setting<?> setting, Object value) {
        if (value != null) {
            properties.put(setting.property(OptionNames.ENVIRONMENT), value.toString());
        }
    }
}

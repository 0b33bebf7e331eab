package io.github.aemclient.cli;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.internal.config.EnvironmentAuthentication;
import io.github.aemclient.internal.config.EnvironmentSettings;
import io.github.aemclient.internal.config.EnvironmentSettingsReader;
import io.github.aemclient.internal.config.PropertyLookup;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Prints a current access token, and nothing else, on stdout. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Prints an access token on stdout, and nothing else, e.g.",
            "  curl -H \"Authorization: Bearer $(java -jar aem-token.jar token --credentials creds.json)\" ..."})
final class TokenCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    AemTokenCli cli;

    @Override
    public Integer call() {
        if (connection.credentials == null || connection.credentials.user != null) {
            throw new IllegalArgumentException("token needs --credentials FILE, --token-file FILE, or --client-id ID"
                    + " --client-secret-file FILE --scopes LIST");
        }
        EnvironmentSettings settings = EnvironmentSettingsReader.readForTokensOnly(OptionNames.ENVIRONMENT,
                PropertyLookup.of(connection.properties(cli.terminal())));
        AccessTokenProvider provider = EnvironmentAuthentication.create(settings, Clock.systemUTC(), Runnable::run)
                .tokenProvider().orElseThrow();
        AccessToken token = provider.getAccessToken();
        spec.commandLine().getOut().println(token.value());
        spec.commandLine().getOut().flush();
        if (connection.verbose) {
            spec.commandLine().getErr().println("aem-token: token valid until " + token.expiresAt());
        }
        return 0;
    }
}

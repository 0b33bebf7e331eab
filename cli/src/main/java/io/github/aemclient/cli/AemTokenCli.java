package io.github.aemclient.cli;


import io.github.aemclient.AemClientException;
import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.internal.config.InvalidSettingsException;
import io.github.aemclient.internal.network.BasicTunnelling;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code aem-token}: an access token for service credentials or a local development token, or an
 * authenticated GET against AEM. Exit codes: 0 success, 1 IMS or AEM refused or could not be reached,
 * 2 bad usage or bad input.
 *
 * <p>The main class of the executable {@code aem-token.jar}; {@code aem-token --help} lists the commands and
 * options. Errors are printed to standard error, one line each; {@code --verbose}
 * adds stack traces and the libraries' log messages.
 */
@Command(name = "aem-token", mixinStandardHelpOptions = true, versionProvider = AemTokenCli.Version.class,
        description = "Access tokens for Adobe Experience Manager as a Cloud Service.",
        subcommands = {TokenCommand.class, GetCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:IMS or AEM refused, or could not be reached", "2:bad usage or bad input"})
public final class AemTokenCli implements Runnable {

    static final int REFUSED = 1;
    /** JUL keeps loggers weakly; holding them keeps their levels. */
    private static final java.util.List<Logger> QUIETED = new java.util.ArrayList<>();
    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final OutputStream out;
    private final Terminal terminal;

    private AemTokenCli(OutputStream out, Terminal terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Standard input, environment variables and warnings, for what options do not carry (passwords). */
    Terminal terminal() {
        return terminal;
    }

    /** Standard output as bytes, for what must reach it unchanged. */
    OutputStream output() {
        return out;
    }

    /**
     * Runs the command line, then ends the JVM with its exit code ({@link System#exit(int)}): never returns.
     * Failures do not escape as exceptions; they are reported on standard error and in the exit code.
     *
     * @param args the command ({@code token} or {@code get}) and its options
     */
    public static void main(String[] args) {
        // This process is the CLI's own: it may let the JDK send Basic to a proxy for HTTPS tunnels (off by
        // default since 8u111), which --proxy-user needs; only the proxy given with --proxy is sent credentials.
        if (System.getProperty(BasicTunnelling.PROPERTY) == null) {
            System.setProperty(BasicTunnelling.PROPERTY, "");
        }
        System.exit(run(args, System.out, new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line; what a test calls instead of {@link #main}.
     *
     * @param out standard output: tokens are written to it as text, response bodies as the bytes received
     */
    static int run(String[] args, OutputStream out, PrintWriter err) {
        return run(args, out, err, Terminal.system(err));
    }

    /** As {@link #run(String[], OutputStream, PrintWriter)}, with standard input and the environment given. */
    static int run(String[] args, OutputStream out, PrintWriter err, Terminal terminal) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        configureLogging(verbose);
        CommandLine commandLine = new CommandLine(new AemTokenCli(out, terminal));
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(AemTokenCli::exitCodeOf);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("aem-token: " + messageOf(e));
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return exitCodeOf(e);
        });
        commandLine.setParameterExceptionHandler((e, parsedArgs) -> {
            // One line naming the option, as for every other error; the usage only on request.
            String command = e.getCommandLine().getCommandName();
            err.println("aem-token: " + e.getMessage().lines().findFirst().orElse("bad usage") + " (see aem-token "
                    + ("aem-token".equals(command) ? "" : command + " ") + "--help)");
            err.flush();
            return BAD_INPUT;
        });
        return commandLine.execute(args);
    }

    static int exitCodeOf(Throwable e) {
        if (e instanceof AemConfigurationException || e instanceof IllegalArgumentException) {
            return BAD_INPUT;
        }
        return REFUSED;
    }

    private static String messageOf(Throwable e) {
        if (e instanceof InvalidSettingsException invalid) {
            return invalid.render(OptionNames.INSTANCE);
        }
        if (e instanceof AemClientException || e instanceof IllegalArgumentException) {
            return OptionNames.INSTANCE.inOptions(e.getMessage());
        }
        // JAX-RS wraps failures (a refused connection to AEM, say); name the innermost cause.
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root instanceof AemClientException) {
                return OptionNames.INSTANCE.inOptions(root.getMessage());
            }
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Library warnings go to stderr, one line each; RESTEasy's chatter only with --verbose. */
    private static void configureLogging(boolean verbose) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        System.setProperty("java.util.logging.SimpleFormatter.format", "aem-token: %4$s: %5$s%6$s%n");
        handler.setFormatter(new SimpleFormatter());
        root.addHandler(handler);
        root.setLevel(verbose ? Level.INFO : Level.WARNING);
        if (!verbose) {
            // RESTEasy's notices, and the token provider's failure warnings, which repeat the error this program
            // prints anyway.
            for (String name : new String[] {"org.jboss",
                "io.github.aemclient.internal.token.RefreshingTokenProvider"}) {
                Logger logger = Logger.getLogger(name);
                logger.setLevel(Level.SEVERE);
                QUIETED.add(logger);
            }
        }
    }

    /**
     * What picocli runs when no command is given: prints the usage to standard error and reports bad usage
     * (exit code 2). Not meant to be called directly.
     *
     * @throws CommandLine.ParameterException always: a command is missing
     */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: token or get");
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AemTokenCli.class.getPackage().getImplementationVersion();
            return new String[] {"aem-token " + (version == null ? "dev" : version)};
        }
    }
}

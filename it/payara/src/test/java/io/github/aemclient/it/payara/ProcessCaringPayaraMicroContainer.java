package io.github.aemclient.it.payara;

import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerConfiguration;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import io.github.aemclient.it.Tee;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

/**
 * Payara Micro as its Arquillian adapter (3.1) starts it, each start by a new instance of the adapter's container,
 * with the adapter's handling of the server process repaired.
 *
 * <ul>
 *   <li>A server that has not printed its instance configuration within the start-up timeout is left running by the
 *       adapter, which reports "No applications were found deployed to Payara Micro". That happened about once in
 *       a few hundred starts on a loaded 2-core machine, in Payara Micro 6 and 7 alike, once with the server's last
 *       words from its data grid's start-up. Here the server's threads are printed (the only way to learn where it
 *       stood), and it is killed. It is started once more only when that was its first start, the thread dump was
 *       complete, none of its threads was in this project's code, and its output shows no deployment begun (a
 *       second start would deploy the application again, against the same stand-ins); otherwise the failure stands,
 *       with the reason. A new adapter instance makes the second start: the first one's poller of the server's
 *       output is never stopped, and goes on writing that output into its own instance. That poller and the first
 *       start's reader are two threads nothing outside the adapter can stop; the reader ends with the output.</li>
 *   <li>The adapter takes the server's output as its poller last copied it (every 200 ms) once the copy holds the
 *       instance configuration's first lines; a copy taken while the server was still printing the list of deployed
 *       applications gave no application, and every URL the tests were given lacked its context root. When the
 *       adapter's answer has no application, the applications are taken from this class's own copy of the output,
 *       once the configuration is whole.</li>
 *   <li>The adapter's undeploy asks the server to stop and returns at once, so the next class's server started while
 *       the last one was still shutting down. Undeploy here waits for it to exit, and kills it after 30 s.</li>
 *   <li>The adapter copies the server's output on a thread that stops only when a read fails. After the server
 *       exits, its reads either fail or return end-of-stream, depending on which of it and the JDK's process reaper
 *       gets there first (experiments here saw both: the latter with a stand-in, the former with Payara Micro); on
 *       end-of-stream it reads on millions of times a second for the rest of the test JVM's life. Closing the output
 *       stream of an ended server makes its next read fail.</li>
 * </ul>
 */
public final class ProcessCaringPayaraMicroContainer implements DeployableContainer<PayaraMicroContainerConfiguration> {

    private static final Logger LOG = Logger.getLogger(ProcessCaringPayaraMicroContainer.class.getName());
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);
    private static final Duration DUMP_WAIT = Duration.ofSeconds(30);
    /** How a frame of this project's code (library, stand-ins, test applications) shows in a thread dump. */
    private static final String PROJECT_FRAME = "at io.github.aemclient.";
    /** The first line of a thread dump that jcmd completed. */
    private static final String COMPLETE_DUMP = "Full thread dump";

    /**
     * What Payara Micro prints once it is deploying an application: CDI's start (Weld's version line), or any line
     * naming this project's code (the CDI extension names every environment it configures).
     */
    private static final Pattern DEPLOYMENT_BEGUN = Pattern.compile("WELD-000900|io\\.github\\.aemclient\\.");

    private static final Field SERVER_PROCESS = adapterField("payaraMicroProcess");
    private static final Field SHUTDOWN_HOOK = adapterField("shutdownHook");

    private final Duration exitWait;
    private final Duration dumpWait;
    private PayaraMicroContainerConfiguration configuration;
    /** The adapter's container that made the last start. */
    private PayaraMicroDeployableContainer adapter;

    /** As Arquillian makes it. */
    public ProcessCaringPayaraMicroContainer() {
        this(EXIT_WAIT, DUMP_WAIT);
    }

    /**
     * Waiting {@code exitWait} for a server asked to stop (and as long for one killed), {@code dumpWait} for its
     * threads or for the rest of its instance configuration.
     */
    ProcessCaringPayaraMicroContainer(Duration exitWait, Duration dumpWait) {
        this.exitWait = exitWait;
        this.dumpWait = dumpWait;
    }

    @Override
    public Class<PayaraMicroContainerConfiguration> getConfigurationClass() {
        return PayaraMicroContainerConfiguration.class;
    }

    @Override
    public void setup(PayaraMicroContainerConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new PayaraMicroDeployableContainer().getDefaultProtocol();
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        for (int attempt = 1; ; attempt++) {
            adapter = new PayaraMicroDeployableContainer();
            adapter.setup(configuration);
            DeploymentException notStarted;
            // the adapter copies the server's output to System.out: a copy of it is kept while this start lasts
            PrintStream console = System.out;
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            System.setOut(new PrintStream(new Tee(console, output), true, StandardCharsets.UTF_8));
            try {
                ProtocolMetaData started = adapter.deploy(archive);
                if (started != null) {
                    return withEveryApplication(started, output);
                }
                // what the adapter returns when interrupted while it waited, or when it could not start the server
                notStarted = new DeploymentException("Payara Micro was not started: the start was interrupted or"
                        + " could not be made (see the adapter's log above)");
            } catch (DeploymentException failed) {
                notStarted = failed;
            } catch (RuntimeException | Error failed) {
                abandon(adapter);
                throw failed;
            } finally {
                System.setOut(console);
            }
            Process server = field(adapter, SERVER_PROCESS, Process.class);
            if (server == null || !server.isAlive() || Thread.currentThread().isInterrupted()) {
                abandon(adapter);
                throw notStarted;
            }
            ThreadDump threads = threadDump(server);
            System.err.printf("Payara Micro (pid %d) had not started when the adapter gave up; its threads:%n%s%n",
                    server.pid(), threads.text());
            abandon(adapter);
            String noRetry = Thread.currentThread().isInterrupted() ? "interrupted"
                    : !threads.complete() ? "no complete thread dump could be taken of the stalled server"
                    : threads.text().contains(PROJECT_FRAME) ? "the stalled server was running this project's code"
                    : DEPLOYMENT_BEGUN.matcher(output.toString(StandardCharsets.UTF_8)).find()
                            ? "the stalled server had begun deploying the application, which a second start would"
                                    + " deploy again"
                    : attempt == 2 ? "the server stalled in its second start as well" : null;
            if (noRetry != null) {
                notStarted.addSuppressed(new IllegalStateException(noRetry + ": see the test output for its threads"));
                throw notStarted;
            }
            LOG.warning(() -> "Payara Micro stalled in its own start-up, before deploying the application: no thread"
                    + " was in this project's code (thread dump in the test output); starting it once more for "
                    + archive.getName());
        }
    }

    /**
     * The adapter's answer, with the applications of the server's instance configuration when the adapter found
     * none. It reads that configuration from a copy of the server's output taken every 200 ms, as soon as the copy
     * holds its first lines: a copy taken while Payara Micro was still printing it lists no application (seen once
     * on a loaded machine), and every URL a test was given then lacked the application's context root.
     */
    private ProtocolMetaData withEveryApplication(ProtocolMetaData started, ByteArrayOutputStream output)
            throws DeploymentException {
        HTTPContext http = started.getContexts(HTTPContext.class).stream().findFirst().orElse(null);
        if (http == null || !http.getServlets().isEmpty()) {
            return started;
        }
        long deadline = System.nanoTime() + dumpWait.toNanos();
        String configuration;
        while ((configuration = instanceConfiguration(output.toString(StandardCharsets.UTF_8))) == null) {
            if (System.nanoTime() > deadline) {
                abandon(adapter);
                throw new DeploymentException("Payara Micro printed no complete instance configuration within "
                        + dumpWait.toSeconds() + " s after the adapter found none of its applications in what it had"
                        + " read (is the adapter's outputToConsole off?)");
            }
            try {
                // the rest of a block the server is printing: milliseconds
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                abandon(adapter);
                throw new DeploymentException("interrupted while reading Payara Micro's instance configuration");
            }
        }
        try (JsonReader reader = Json.createReader(new StringReader(configuration))) {
            JsonArray deployed = reader.readObject().getJsonObject("Instance Configuration").getJsonArray("Deployed");
            // none when the application failed to deploy (the server runs on without it)
            for (JsonObject application : deployed == null ? List.<JsonObject>of()
                    : deployed.getValuesAs(JsonObject.class)) {
                List<JsonObject> modules = application.containsKey("Modules")
                        ? application.getJsonArray("Modules").getValuesAs(JsonObject.class) : List.of(application);
                for (JsonObject module : modules) {
                    String contextRoot = module.getString("Context Root");
                    for (JsonValue servlet : module.getJsonObject("Mappings").values()) {
                        http.add(new Servlet(((JsonString) servlet).getString(), contextRoot));
                    }
                }
            }
        } catch (JsonException | ClassCastException | NullPointerException unexpected) {
            abandon(adapter);
            throw new DeploymentException("Payara Micro's instance configuration is not as expected: "
                    + configuration, unexpected);
        }
        if (!http.getServlets().isEmpty()) {
            LOG.info(() -> "The adapter read Payara Micro's instance configuration before it was complete: its"
                    + " applications were taken from the rest of it (" + http.getServlets().size() + " servlets)");
        }
        return started;
    }

    /** The last instance configuration Payara Micro printed whole (a JSON object closed by "}]]"), or null. */
    static String instanceConfiguration(String output) {
        int name = output.lastIndexOf("\"Instance Configuration\"");
        int start = name < 0 ? -1 : output.lastIndexOf('{', name);
        int end = start < 0 ? -1 : output.indexOf("}]]", name);
        return end < 0 ? null : output.substring(start, end + 1);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        if (adapter == null) {
            return;
        }
        Process server = field(adapter, SERVER_PROCESS, Process.class);
        if (server == null) {
            abandon(adapter);
            return;
        }
        try {
            adapter.undeploy(archive);
        } finally {
            end(server);
        }
    }

    @Override
    public void deploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("Payara Micro deploys archives only");
    }

    @Override
    public void undeploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("Payara Micro deploys archives only");
    }

    /**
     * Kills the server of a start that is given up, and removes the adapter's shutdown hook, which would otherwise
     * hold the adapter and the server's whole output until the JVM exits (and fail then, when there was no server).
     * The adapter's two threads of that start (reader and poller) stay: nothing outside the adapter can reach them;
     * the reader ends with the server's output.
     */
    private void abandon(PayaraMicroDeployableContainer start) {
        Thread hook = field(start, SHUTDOWN_HOOK, Thread.class);
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // the JVM is exiting: the hook runs anyway
            }
        }
        Process server = field(start, SERVER_PROCESS, Process.class);
        if (server != null) {
            kill(server);
        }
    }

    /** Asks the server to stop, kills it if it has not within the exit wait, then ends its output. */
    private void end(Process server) {
        server.destroy();
        try {
            if (!server.waitFor(exitWait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "Payara Micro (pid " + server.pid() + ") still running " + exitWait.toSeconds()
                        + " s after being asked to stop: killing it");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        // nothing to kill when it has exited; its output is ended either way
        kill(server);
    }

    /** Kills the server and ends its output; says so when it outlives that. */
    private void kill(Process server) {
        server.destroyForcibly();
        // waited for even by an interrupted thread (the interrupt is kept for the caller): a killed process ends
        boolean interrupted = Thread.interrupted();
        boolean ended = false;
        long deadline = System.nanoTime() + exitWait.toNanos();
        while (!ended && System.nanoTime() < deadline) {
            try {
                ended = server.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!ended) {
            LOG.severe(() -> "Payara Micro (pid " + server.pid() + ") still running " + exitWait.toSeconds()
                    + " s after being killed");
        }
        closeOutputOf(server);
    }

    /** The adapter's reader of the output then fails on its next read, and ends. */
    private static void closeOutputOf(Process server) {
        try (InputStream output = server.getInputStream()) {
            // closed by the try
        } catch (IOException alreadyClosed) {
            // nothing left to stop
        }
    }

    /** What jcmd printed of a server's threads; complete when it ended in time and well. */
    private record ThreadDump(String text, boolean complete) {
    }

    /** The server's threads, from jcmd of the JDK the server runs on (the adapter starts it with this JVM's). */
    private ThreadDump threadDump(Process server) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path text = null;
        Process dump = null;
        try {
            // to a file, not a pipe: a jcmd that cannot attach to a stuck JVM must not hold the test up
            text = Files.createTempFile("payara-micro-threads", ".txt");
            dump = new ProcessBuilder(jcmd.toString(), Long.toString(server.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(text.toFile()).start();
            boolean ended = dump.waitFor(dumpWait.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                dump.destroyForcibly();
            }
            String threads = new String(Files.readAllBytes(text), StandardCharsets.UTF_8);
            return new ThreadDump(threads, ended && dump.exitValue() == 0 && threads.contains(COMPLETE_DUMP));
        } catch (IOException failed) {
            return new ThreadDump("(no thread dump: " + jcmd + " failed: " + failed + ")", false);
        } catch (InterruptedException interrupted) {
            dump.destroyForcibly();
            Thread.currentThread().interrupt();
            return new ThreadDump("(no thread dump: interrupted)", false);
        } finally {
            if (text != null) {
                text.toFile().delete();
            }
        }
    }

    private static <T> T field(PayaraMicroDeployableContainer start, Field field, Class<T> type) {
        try {
            return type.cast(field.get(start));
        } catch (IllegalAccessException unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    /** A private field of the adapter's container (3.1), where nothing else tells what this class needs. */
    private static Field adapterField(String name) {
        try {
            Field field = PayaraMicroDeployableContainer.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException changed) {
            throw new IllegalStateException("the Payara Micro adapter no longer has the field '" + name + "': review "
                    + ProcessCaringPayaraMicroContainer.class.getName() + " for the adapter's version in the parent"
                    + " POM", changed);
        }
    }
}

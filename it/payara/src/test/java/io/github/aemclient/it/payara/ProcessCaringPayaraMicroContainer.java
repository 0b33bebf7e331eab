package io.github.aemclient.it.payara;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Payara Micro as its Arquillian adapter (3.1) starts it, with the adapter's handling of the server process repaired.
 *
 * <ul>
 *   <li>A server that has not printed its instance configuration within the start-up timeout is left running by the
 *       adapter, which reports "No applications were found deployed to Payara Micro". That happened about once in
 *       a few hundred starts on a loaded 2-core machine, in Payara Micro 6 and 7 alike, once with the server's last
 *       words from its data grid's start-up. Here its threads are printed first (the only way to learn where it
 *       stood), and it is ended. If none of its threads was running this project's code, the stall happened in the
 *       server's own start-up, before the application mattered: it is started once more. Otherwise, or when the
 *       second start stalls too, the failure stands.</li>
 *   <li>The adapter's undeploy asks the server to stop and returns at once, so the next class's server started while
 *       the last one was still shutting down. Undeploy here waits for it to exit, and kills it after 30 s.</li>
 *   <li>The adapter copies the server's output on a thread that stops only when a read fails. When the server's
 *       output ends before that thread next reads (a server that exits early in its start), it reads end-of-stream
 *       millions of times a second for the rest of the test JVM's life. Closing the output stream of an ended
 *       server makes its next read fail.</li>
 * </ul>
 */
public final class ProcessCaringPayaraMicroContainer extends PayaraMicroDeployableContainer {

    private static final Logger LOG = Logger.getLogger(ProcessCaringPayaraMicroContainer.class.getName());
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);
    private static final Duration DUMP_WAIT = Duration.ofSeconds(30);
    /** How a frame of this project's code (library, stand-ins, test applications) shows in a thread dump. */
    private static final String PROJECT_FRAME = "at io.github.aemclient.";

    private static final Field SERVER_PROCESS = serverProcessField();

    private final Duration exitWait;
    private final Duration dumpWait;

    /** As Arquillian makes it. */
    public ProcessCaringPayaraMicroContainer() {
        this(EXIT_WAIT, DUMP_WAIT);
    }

    /** Waiting {@code exitWait} for a server asked to stop and {@code dumpWait} for its threads. */
    ProcessCaringPayaraMicroContainer(Duration exitWait, Duration dumpWait) {
        this.exitWait = exitWait;
        this.dumpWait = dumpWait;
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        for (int attempt = 1; ; attempt++) {
            try {
                return super.deploy(archive);
            } catch (DeploymentException notStarted) {
                Process server = server();
                if (server == null) {
                    throw notStarted;
                }
                if (!server.isAlive()) {
                    end(server);
                    throw notStarted;
                }
                String threads = threadDump(server);
                System.err.printf("Payara Micro (pid %d) had not started when the adapter gave up; its threads:%n%s%n",
                        server.pid(), threads);
                end(server);
                if (threads.contains(PROJECT_FRAME)) {
                    notStarted.addSuppressed(new IllegalStateException("the stalled server was running this"
                            + " project's code: see its thread dump in the test output"));
                    throw notStarted;
                }
                if (attempt == 2) {
                    throw notStarted;
                }
                LOG.warning(() -> "Payara Micro stalled in its own start-up, before running any of this project's"
                        + " code (thread dump in the test output); starting it once more for " + archive.getName());
            }
        }
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        Process server = server();
        super.undeploy(archive);
        if (server != null) {
            end(server);
        }
    }

    /** Ends the server and then its output, so that the adapter's reader of that output stops too. */
    private void end(Process server) {
        server.destroy();
        try {
            if (!server.waitFor(exitWait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "Payara Micro (pid " + server.pid() + ") still running " + exitWait.toSeconds()
                        + " s after being asked to stop: killing it");
                server.destroyForcibly().waitFor(exitWait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException interrupted) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (InputStream output = server.getInputStream()) {
            // closed by the try: the adapter's reader then fails on its next read and ends
        } catch (IOException alreadyClosed) {
            // nothing left to stop
        }
    }

    /** The server's threads, from jcmd of the JDK the server runs on (the adapter starts it with this JVM's). */
    private String threadDump(Process server) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            // to a file, not a pipe: a jcmd that cannot attach to a stuck JVM must not hold the test up
            Path text = Files.createTempFile("payara-micro-threads", ".txt");
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(server.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(text.toFile()).start();
            if (!dump.waitFor(dumpWait.toMillis(), TimeUnit.MILLISECONDS)) {
                dump.destroyForcibly();
            }
            String threads = Files.readString(text, StandardCharsets.UTF_8);
            Files.delete(text);
            return threads;
        } catch (IOException failed) {
            return "(no thread dump: " + jcmd + " failed: " + failed + ")";
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    private Process server() {
        try {
            return (Process) SERVER_PROCESS.get(this);
        } catch (IllegalAccessException unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    private static Field serverProcessField() {
        try {
            Field field = PayaraMicroDeployableContainer.class.getDeclaredField("payaraMicroProcess");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException changed) {
            throw new IllegalStateException("the Payara Micro adapter no longer keeps its server process in"
                    + " 'payaraMicroProcess': review " + ProcessCaringPayaraMicroContainer.class.getName()
                    + " for the adapter's version in the parent POM", changed);
        }
    }
}

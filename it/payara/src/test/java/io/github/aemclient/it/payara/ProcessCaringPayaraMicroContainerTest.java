package io.github.aemclient.it.payara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import payaramicro.standin.PayaraMicroStandIn;

/**
 * The Payara Micro adapter's container as this project runs it, on a stand-in for payara-micro.jar: a stalled start
 * is dumped, ended and (outside this project's code) retried once, and no server or reader of its output outlives
 * its deployment.
 */
class ProcessCaringPayaraMicroContainerTest {

    private static final Duration EXIT_WAIT = Duration.ofSeconds(2);
    /** Far more than jcmd takes, even beside mutation testing: a late dump would fail the tests that read it. */
    private static final Duration DUMP_WAIT = Duration.ofSeconds(30);
    /** The stand-in prints its instance configuration within a second of its start, even on a loaded machine. */
    private static final int STARTUP_TIMEOUT_SECONDS = 6;

    @TempDir
    static Path files;
    static Path standInJar;

    Path starts;
    ProcessCaringPayaraMicroContainer container;
    WebArchive war = ShrinkWrap.create(WebArchive.class, "stand-in-app.war").addAsWebInfResource(
            new StringAsset("<beans bean-discovery-mode=\"none\"/>"), "beans.xml");

    @BeforeAll
    static void buildStandInJar() throws IOException {
        standInJar = files.resolve("payara-micro.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PayaraMicroStandIn.class.getName());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(standInJar), manifest)) {
            for (Class<?> type : List.of(PayaraMicroStandIn.class, HangingApplicationCode.class)) {
                String name = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(name));
                try (InputStream bytes = type.getClassLoader().getResourceAsStream(name)) {
                    bytes.transferTo(jar);
                }
            }
            // where the adapter reads the server's version
            jar.putNextEntry(new JarEntry("MICRO-INF/domain/branding/glassfish-version.properties"));
            jar.write("product_name=Payara Micro\nmajor_version=6\nminor_version=2025\nupdate_version=10\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @BeforeEach
    void startsFile() throws IOException {
        starts = Files.createTempFile(files, "starts", ".txt");
        Files.delete(starts);
        container = new ProcessCaringPayaraMicroContainer(EXIT_WAIT, DUMP_WAIT);
    }

    @AfterEach
    void nothingOutlivesTheTest() throws Exception {
        List<Long> running = alive(startedPids());
        // a test that failed before its undeploy leaves nothing behind for the next
        container.undeploy(war);
        running.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertThat(running).as("stand-in servers running after the test, before its clean-up").isEmpty();
        assertThat(readersOfServerOutputAfterAWhile()).as("threads still reading a server's output").isZero();
    }

    @Test
    void aStartedServerIsEndedAtUndeployAndSoIsTheReaderOfItsOutput() throws Exception {
        configure("start");

        ProtocolMetaData started = container.deploy(war);

        assertThat(started.getContexts(HTTPContext.class)).singleElement()
                .satisfies(http -> assertThat(http.getServletByName("StandInServlet").getContextRoot())
                        .isEqualTo("/stand-in-app"));
        assertThat(alive(startedPids())).as("servers running after deploy").hasSize(1);

        container.undeploy(war);

        assertThat(alive(startedPids())).as("servers running after undeploy").isEmpty();
        assertThat(readersOfServerOutputAfterAWhile()).as("threads reading a server's output after undeploy")
                .isZero();
    }

    @Test
    void anInstanceConfigurationTheAdapterReadHalfPrintedIsReadWhole() throws Exception {
        configure("start-printing-slowly");

        ProtocolMetaData started = container.deploy(war);

        assertThat(started.getContexts(HTTPContext.class)).singleElement()
                .satisfies(http -> assertThat(http.getServletByName("StandInServlet")).as("the application's servlet")
                        .isNotNull().extracting(Servlet::getContextRoot).isEqualTo("/stand-in-app"));
        container.undeploy(war);
    }

    @Test
    void aServerThatWillNotStopIsKilled() throws Exception {
        configure("start-ignoring-stop");
        container.deploy(war);
        long before = System.nanoTime();

        container.undeploy(war);

        assertThat(alive(startedPids())).as("servers running after undeploy").isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("undeploy's wait for the server")
                .isGreaterThanOrEqualTo(EXIT_WAIT);
    }

    @Test
    void aServerStalledInItsOwnStartUpIsDumpedEndedAndStartedOnceMore() throws Exception {
        configure("stall-first");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();

        ProtocolMetaData started = printingErrorsTo(errors, () -> container.deploy(war));

        assertThat(started.getContexts(HTTPContext.class)).hasSize(1);
        List<Long> pids = startedPids();
        assertThat(pids).as("starts").hasSize(2);
        assertThat(alive(pids)).as("servers running").containsExactly(pids.get(1));
        assertThat(errors.toString(StandardCharsets.UTF_8)).as("what the container printed")
                .contains("Payara Micro (pid " + pids.get(0) + ") had not started when the adapter gave up")
                .contains("at " + PayaraMicroStandIn.class.getName() + ".stall");
        container.undeploy(war);
    }

    @Test
    void aServerThatStallsEveryTimeFailsTheDeploymentAfterTwoStarts() {
        configure("stall");

        DeploymentException failure = catchThrowableOfType(DeploymentException.class,
                () -> printingErrorsTo(OutputStream.nullOutputStream(), () -> container.deploy(war)));

        assertThat(failure).hasMessageContaining("No applications were found deployed to Payara Micro");
        assertThat(startedPids()).as("starts").hasSize(2);
        assertThat(alive(startedPids())).as("servers running").isEmpty();
    }

    @Test
    void aServerStalledInThisProjectsCodeFailsTheDeploymentWithoutAnotherStart() {
        configure("stall-in-project-code");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();

        DeploymentException failure = catchThrowableOfType(DeploymentException.class,
                () -> printingErrorsTo(errors, () -> container.deploy(war)));

        assertThat(failure).as("the deployment's failure").isNotNull();
        assertThat(failure.getSuppressed()).singleElement().satisfies(why -> assertThat(why)
                .hasMessage("the stalled server was running this project's code: see the test output for its"
                        + " threads"));
        assertThat(errors.toString(StandardCharsets.UTF_8))
                .contains("at " + HangingApplicationCode.class.getName() + ".hang");
        assertThat(startedPids()).as("starts").hasSize(1);
        assertThat(alive(startedPids())).as("servers running").isEmpty();
    }

    @Test
    void aServerStalledWhileDeployingTheApplicationIsNotStartedAgain() {
        configure("stall-deploying");

        DeploymentException failure = catchThrowableOfType(DeploymentException.class,
                () -> printingErrorsTo(OutputStream.nullOutputStream(), () -> container.deploy(war)));

        assertThat(failure).as("the deployment's failure").isNotNull();
        assertThat(failure.getSuppressed()).singleElement().satisfies(why -> assertThat(why).hasMessage(
                "the stalled server had begun deploying the application, which a second start would deploy again:"
                        + " see the test output for its threads"));
        assertThat(startedPids()).as("starts").hasSize(1);
        assertThat(alive(startedPids())).as("servers running").isEmpty();
    }

    @Test
    void aStalledServerWhoseThreadsCannotBeDumpedIsNotStartedAgain() {
        configure("stall", "-XX:+DisableAttachMechanism");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();

        DeploymentException failure = catchThrowableOfType(DeploymentException.class,
                () -> printingErrorsTo(errors, () -> container.deploy(war)));

        assertThat(failure).as("the deployment's failure").isNotNull();
        assertThat(failure.getSuppressed()).singleElement().satisfies(why -> assertThat(why).hasMessage(
                "no complete thread dump could be taken of the stalled server: see the test output for its threads"));
        assertThat(startedPids()).as("starts").hasSize(1);
        assertThat(alive(startedPids())).as("servers running").isEmpty();
    }

    @Test
    void aDeploymentInterruptedWhileTheServerStartsEndsItWithoutAnotherStart() throws Exception {
        configure("stall");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread deploying = new Thread(() -> outcome.set(catchThrowable(() -> container.deploy(war))));
        deploying.start();
        while (startedPids().isEmpty()) {
            // the stand-in's start is not observable otherwise
            Thread.sleep(20);
        }

        deploying.interrupt();
        deploying.join(Duration.ofSeconds(60).toMillis());

        assertThat(deploying.isAlive()).as("deploying after its interrupt").isFalse();
        assertThat(outcome.get()).as("the deployment's failure, not taken for a stall")
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("the start was interrupted").hasNoSuppressedExceptions();
        assertThat(startedPids()).as("starts").hasSize(1);
        assertThat(alive(startedPids())).as("servers running").isEmpty();
    }

    @Test
    void aServerThatExitedIsNotStartedAgain() {
        configure("exit");

        DeploymentException failure = catchThrowableOfType(DeploymentException.class, () -> container.deploy(war));

        assertThat(failure).as("the deployment's failure").isNotNull().hasNoSuppressedExceptions();
        assertThat(startedPids()).as("starts").hasSize(1);
    }

    private void configure(String behaviour) {
        configure(behaviour, "");
    }

    private void configure(String behaviour, String jvmOptions) {
        PayaraMicroContainerConfiguration configuration = new PayaraMicroContainerConfiguration();
        configuration.setMicroJar(standInJar.toString());
        configuration.setStartupTimeoutInSeconds(STARTUP_TIMEOUT_SECONDS);
        // the adapter splits these at spaces
        configuration.setCmdOptions((jvmOptions.isEmpty() ? "" : jvmOptions + " ") + "-Dstandin.behaviour=" + behaviour
                + " -Dstandin.starts=" + starts);
        configuration.setExtraMicroOptions(null);
        configuration.validate();
        container.setup(configuration);
    }

    private List<Long> startedPids() {
        try {
            return Files.exists(starts) ? Files.readAllLines(starts).stream().map(Long::valueOf).toList() : List.of();
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private static List<Long> alive(List<Long> pids) {
        return pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
    }

    /** Threads of this JVM in the adapter's reader of a server's output, once they have had a moment to end. */
    private static long readersOfServerOutputAfterAWhile() throws InterruptedException {
        long readers = 0;
        for (int i = 0; i < 50; i++) {
            readers = Thread.getAllStackTraces().values().stream()
                    .filter(stack -> Arrays.stream(stack).anyMatch(frame -> frame.getClassName().endsWith(
                            "payara.process.ConsoleReader")))
                    .count();
            if (readers == 0) {
                break;
            }
            Thread.sleep(100);
        }
        return readers;
    }

    private interface Deploy {
        ProtocolMetaData run() throws DeploymentException;
    }

    private static ProtocolMetaData printingErrorsTo(OutputStream errors, Deploy deploy) throws DeploymentException {
        PrintStream console = System.err;
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            return deploy.run();
        } finally {
            System.setErr(console);
        }
    }
}

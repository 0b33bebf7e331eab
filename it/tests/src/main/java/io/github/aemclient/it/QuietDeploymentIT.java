package io.github.aemclient.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.it.app.AemApi;
import io.github.aemclient.it.app.QuietResource;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A normal deployment (an eager service environment: configuration read, credentials parsed, first token
 * obtained from IMS) leaves nothing at WARNING or above in the server's log that the
 * library causes: no SLF4J notice on stderr (the library bundles no JOSE or logging library), no warning of
 * its own, no error mentioning it.
 */
@ExtendWith(ArquillianExtension.class)
class QuietDeploymentIT {

    static final Path WORK = AemClientIT.directory("it-quiet-" + Server.name());
    static final TestCredentials QUIET = TestCredentials.generate();
    static final ImsStandIn IMS = ImsStandIn.start().register(QUIET);
    static final AemStandIn AEM = AemStandIn.start(IMS);
    /** Alarming lines: by level (every server's spelling) or written to stderr. */
    static final Pattern ALARMING = Pattern.compile("(?i)\\b(WARN|WARNING|SEVERE|ERROR|FATAL)\\b|\\[err\\]|SLF4J");
    /** Lines the library causes: its packages, its messages, what it used to bring along. */
    static final Pattern LIBRARY = Pattern.compile("(?i)aemclient|AEM environment|aem-client|SLF4J|jose4j|smallrye\\.jwt"
            + "|access token");

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "quiet", managed = false, testable = false)
    static WebArchive quiet() {
        return Deployments.war("aem-quiet", Map.of(
                "aem.quiet.url", AEM.url().toString(),
                "aem.quiet.credentials-file", QUIET.writeTo(WORK.resolve("quiet.json")).toString(),
                "aem.quiet.ims-url", IMS.url().toString(),
                "aem.quiet.eager", "true"), AemApi.class, QuietResource.class);
    }

    @AfterAll
    static void stopStandIns() {
        AEM.close();
        IMS.close();
    }

    @Test
    void aNormalDeploymentLogsNothingAlarmingAboutTheLibrary() {
        int logBefore = Server.logFile().length();
        PrintStream console = System.out;
        PrintStream errors = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(console, printed), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(errors, printed), true, StandardCharsets.UTF_8));
        try {
            deployer.deploy("quiet");
            // aem.quiet.eager: the deployment obtained the first token, so IMS was called during it.
            assertThat(IMS.successfulExchanges()).as("exchanges during the deployment").isEqualTo(1);
        } finally {
            System.setOut(console);
            System.setErr(errors);
            deployer.undeploy("quiet");
        }
        String log = Server.logFile();
        // Only what this test caused: the log file grows across tests and runs.
        String written = printed.toString(StandardCharsets.UTF_8)
                + (log.length() >= logBefore ? log.substring(logBefore) : log);

        // What the server says of the deployment counts too: WildFly warned about every one while the library's jar
        // asked for its private Apache HttpClient module (WFLYSRV0018, naming the deployment, not the library).
        List<String> alarming = written.lines().filter(line -> ALARMING.matcher(line).find())
                .filter(line -> LIBRARY.matcher(line).find() || line.contains("aem-quiet")).toList();
        assertThat(alarming).as("lines at WARNING or above the library caused on " + Server.name()).isEmpty();
        assertThat(written).as("the library announced the environment").contains("AEM environment 'quiet'");
    }
}

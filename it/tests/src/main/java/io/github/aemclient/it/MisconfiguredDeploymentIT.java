package io.github.aemclient.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.aemclient.it.app.AemApi;
import io.github.aemclient.it.app.BrokenResource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A misconfigured environment fails the deployment, and what the server logs names the property. */
@ExtendWith(ArquillianExtension.class)
class MisconfiguredDeploymentIT {

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "broken", managed = false, testable = false)
    static WebArchive broken() {
        // aem.broken.url is missing
        return Deployments.war("aem-broken", Map.of("aem.broken.mode", "none"), AemApi.class, BrokenResource.class);
    }

    @Test
    void theDeploymentFailsWithAMessageNamingEnvironmentAndProperty() {
        // The server's log file grows across tests and runs: only what this test causes is read.
        int logBefore = Server.logFile().length();
        PrintStream console = System.out;
        ByteArrayOutputStream serverLog = new ByteArrayOutputStream();
        // The adapter copies the server's output to System.out: keep showing it, and keep a copy.
        System.setOut(new PrintStream(new Tee(console, serverLog), true, StandardCharsets.UTF_8));
        Throwable failure;
        try {
            failure = catchThrowable(() -> deployer.deploy("broken"));
        } finally {
            System.setOut(console);
            try {
                deployer.undeploy("broken");
            } catch (RuntimeException alreadyGone) {
                // the server may have stopped by itself
            }
        }
        String file = Server.logFile();
        String log = serverLog.toString(StandardCharsets.UTF_8)
                + (file.length() >= logBefore ? file.substring(logBefore) : file);

        assertThat(log).as("what the server logged")
                .contains("AEM environment 'broken' (injected at io.github.aemclient.it.app.BrokenResource.aem)"
                        + " is not configured properly: aem.broken.url is missing");
        if (failure == null) {
            // Payara Micro logs the failed deployment and keeps running without the application, and its
            // adapter reports success; WildFly's and Liberty's adapters report the failure.
            assertThat(deployedApplications(log)).as("applications Payara Micro deployed").isEmpty();
        }
    }

    /** The "Deployed" list of Payara Micro's instance configuration, as it prints it at start-up. */
    static String deployedApplications(String log) {
        Matcher matcher = Pattern.compile("\"Deployed\": \\[(.*?)\\]", Pattern.DOTALL).matcher(log);
        assertThat(matcher.find()).as("Payara Micro printed its instance configuration").isTrue();
        return matcher.group(1).strip();
    }
}

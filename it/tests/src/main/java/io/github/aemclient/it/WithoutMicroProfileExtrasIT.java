package io.github.aemclient.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.it.app.AemApi;
import io.github.aemclient.it.app.PlainResource;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MicroProfile Rest Client and Health are optional: an application that cannot see them deploys and calls
 * AEM as any other. On WildFly the application is cut off from both (a {@code jboss-deployment-structure.xml}
 * excluding their modules, which the other servers ignore), and the test checks that it really is.
 */
@ExtendWith(ArquillianExtension.class)
class WithoutMicroProfileExtrasIT {

    static final Path WORK = AemClientIT.directory("it-plain-" + Server.name());
    static final TestCredentials PLAIN = TestCredentials.generate();
    static final ImsStandIn IMS = ImsStandIn.start().register(PLAIN);
    static final AemStandIn AEM = AemStandIn.start(IMS);
    static final String REST_CLIENT = "org.eclipse.microprofile.rest.client.RestClientBuilder";
    static final String HEALTH = "org.eclipse.microprofile.health.HealthCheck";
    static final String WITHOUT_MICROPROFILE_EXTRAS = """
            <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.2">
              <deployment>
                <exclusions>
                  <module name="org.eclipse.microprofile.restclient"/>
                  <module name="org.jboss.resteasy.resteasy-client-microprofile"/>
                  <module name="org.eclipse.microprofile.health.api"/>
                </exclusions>
              </deployment>
            </jboss-deployment-structure>
            """;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        Map<String, String> config = new HashMap<>();
        Deployments.service(config, "plain", AEM.url(), PLAIN, WORK.resolve("plain.json"), IMS.url());
        return Deployments.war("aem-plain", config, AemApi.class, PlainResource.class)
                .addAsWebInfResource(new StringAsset(WITHOUT_MICROPROFILE_EXTRAS), "jboss-deployment-structure.xml");
    }

    @AfterAll
    static void stopStandIns() {
        AEM.close();
        IMS.close();
    }

    HttpResponse<String> get(String path) {
        return Http.get(Server.loopback(base, path));
    }

    @Test
    void anApplicationThatCannotSeeRestClientOrHealthCallsAem() {
        if (Server.family().equals("wildfly")) {
            assertThat(get("api/plain/sees/" + REST_CLIENT).body()).as("Rest Client from the application").isEqualTo("absent");
            assertThat(get("api/plain/sees/" + HEALTH).body()).as("Health from the application").isEqualTo("absent");
        }

        HttpResponse<String> page = get("api/plain/page/plain");

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains(PLAIN.technicalAccountId());
    }
}

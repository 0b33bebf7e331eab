package io.github.aemclient.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ConnectProxy;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import io.github.aemclient.testkit.TestTls;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A MicroProfile Rest Client interface of an environment with a trust store and a proxy, on each server's
 * own Rest Client: it reaches AEM over TLS through the proxy, as the environment's WebTarget does. (Rest
 * Client has no setting for proxy credentials, so this proxy asks for none; see NetworkIT for those.)
 */
@ExtendWith(ArquillianExtension.class)
class TypedClientNetworkIT {

    static final Path WORK = AemClientIT.directory("it-typed-network-" + Server.name());
    static final TestTls TLS = TestTls.generate();
    static final TestCredentials PAGES = TestCredentials.generate();
    static final ImsStandIn IMS = ImsStandIn.start(TLS).register(PAGES);
    static final AemStandIn AEM = AemStandIn.start(IMS, TLS);
    static final ConnectProxy PROXY = ConnectProxy.start();
    /** The resource's other interfaces need environments too; they stay on plain loopback HTTP. */
    static final ImsStandIn PLAIN_IMS = ImsStandIn.start().register(PAGES);
    static final AemStandIn PLAIN_AEM = AemStandIn.start(PLAIN_IMS);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        Map<String, String> config = new HashMap<>();
        Deployments.service(config, "it-mp", AEM.url(), PAGES, WORK.resolve("pages.json"), IMS.url());
        config.put("aem.it-mp.trust-store", TLS.writeTrustStore(WORK.resolve("trust.pem"), "PEM", "").toString());
        config.put("aem.it-mp.proxy-address", PROXY.address());
        Deployments.service(config, "it-mp-fast", PLAIN_AEM.url(), PAGES, WORK.resolve("fast.json"), PLAIN_IMS.url());
        Deployments.service(config, "it-mp-replay", PLAIN_AEM.url(), PAGES, WORK.resolve("replayed.json"),
                PLAIN_IMS.url());
        return Deployments.war("aem-typed-network", config, MicroProfileIT.APPLICATION);
    }

    @AfterAll
    static void stopStandIns() {
        PLAIN_AEM.close();
        PLAIN_IMS.close();
        PROXY.close();
        AEM.close();
        IMS.close();
    }

    @Test
    void theTypedClientAndTheWebTargetReachAemOverTlsThroughTheProxy() {
        for (String path : new String[] {"api/mp/typed/typed-page", "api/mp/target/target-page"}) {
            HttpResponse<String> answer = Http.get(Server.loopback(base, path));
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains(PAGES.technicalAccountId());
        }
        assertThat(AEM.requests()).extracting(r -> r.path())
                .contains("/content/typed-page.json", "/content/target-page.json");
        assertThat(PROXY.forwarded()).contains("CONNECT 127.0.0.1:" + IMS.port());
        // Two clients, two tunnels to AEM at least: the typed call did not go round the proxy.
        assertThat(PROXY.forwarded()).filteredOn(("CONNECT 127.0.0.1:" + AEM.port())::equals).hasSizeGreaterThanOrEqualTo(2);
        assertThat(PLAIN_AEM.requests()).isEmpty();
    }
}

package io.github.aemclient.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.it.app.AemApi;
import io.github.aemclient.it.app.PlainResource;
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
 * A corporate network inside the server: IMS and AEM over TLS with a certificate only the configured trust
 * store trusts, reached only through a proxy that wants Basic credentials (the servers run with
 * {@code -Djdk.http.auth.tunneling.disabledSchemes=}, as the README asks). Both the IMS exchange and the
 * server's own JAX-RS client must go through it, and the proxy's credentials must never reach AEM.
 */
@ExtendWith(ArquillianExtension.class)
class NetworkIT {

    static final Path WORK = AemClientIT.directory("it-network-" + Server.name());
    static final TestTls TLS = TestTls.generate();
    static final TestCredentials PLAIN = TestCredentials.generate();
    static final ImsStandIn IMS = ImsStandIn.start(TLS).register(PLAIN);
    static final AemStandIn AEM = AemStandIn.start(IMS, TLS);
    static final ConnectProxy PROXY = ConnectProxy.start().requireBasic("it-proxy", "proxy pass:word");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        Map<String, String> config = new HashMap<>();
        Deployments.service(config, "plain", AEM.url(), PLAIN, WORK.resolve("plain.json"), IMS.url());
        config.put("aem.plain.trust-store", TLS.writeTrustStore(WORK.resolve("trust.p12"), "PKCS12", "store-pw")
                .toString());
        config.put("aem.plain.trust-store-password", "store-pw");
        Deployments.proxy(config, "plain", PROXY, "it-proxy", "proxy pass:word");
        return Deployments.war("aem-network", config, AemApi.class, PlainResource.class);
    }

    @AfterAll
    static void stopStandIns() {
        PROXY.close();
        AEM.close();
        IMS.close();
    }

    @Test
    void imsAndAemAreReachedOverTlsThroughTheAuthenticatingProxy() {
        for (String page : new String[] {"first", "second"}) {
            HttpResponse<String> answer = Http.get(Server.loopback(base, "api/plain/page/" + page));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains(PLAIN.technicalAccountId());
        }
        assertThat(IMS.successfulExchanges()).isEqualTo(1);
        assertThat(PROXY.forwarded()).contains("CONNECT 127.0.0.1:" + IMS.port(), "CONNECT 127.0.0.1:" + AEM.port());
        assertThat(AEM.requests()).hasSize(2).allSatisfy(request ->
                assertThat(request.headers().keySet()).noneMatch(name -> name.equalsIgnoreCase("proxy-authorization")));
    }
}

package io.github.aemclient.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.aemclient.it.app.AemApi;
import io.github.aemclient.it.app.AemPages;
import io.github.aemclient.it.app.FastAemPages;
import io.github.aemclient.it.app.MicroProfileResource;
import io.github.aemclient.it.app.ReplayedAemPages;
import io.github.aemclient.testkit.AemRequest;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MicroProfile on each server: a typed Rest Client bound to an environment with {@code @AemClient}, an
 * environment only listed in {@code aem.environments} found by programmatic lookup, and the readiness
 * checks where the server has MicroProfile Health.
 */
@ExtendWith(ArquillianExtension.class)
class MicroProfileIT {

    static final Path WORK = AemClientIT.directory("it-mp-" + Server.name());
    static final TestCredentials PAGES = TestCredentials.generate();
    static final TestCredentials LISTED = TestCredentials.generate();
    static final TestCredentials FAST = TestCredentials.generate();
    static final TestCredentials REPLAYED = TestCredentials.generate();
    static final ImsStandIn IMS = ImsStandIn.start().register(PAGES).register(LISTED).register(REPLAYED);
    static final AemStandIn AEM = AemStandIn.start(IMS);
    /** Tokens of 4 s: renewals happen under the test's traffic. */
    static final ImsStandIn FAST_IMS = ImsStandIn.start().register(FAST).tokenLifetime(Duration.ofSeconds(4));
    static final AemStandIn FAST_AEM = AemStandIn.start(FAST_IMS);

    /** The application's classes: its resource injects all three interfaces, so each needs its environment. */
    static final Class<?>[] APPLICATION = {AemApi.class, MicroProfileResource.class, AemPages.class,
        FastAemPages.class, ReplayedAemPages.class};

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        Map<String, String> config = new HashMap<>();
        Deployments.service(config, "it-mp", AEM.url(), PAGES, WORK.resolve("pages.json"), IMS.url());
        Deployments.service(config, "it-mp-fast", FAST_AEM.url(), FAST, WORK.resolve("fast.json"), FAST_IMS.url());
        Deployments.service(config, "it-listed", AEM.url(), LISTED, WORK.resolve("listed.json"), IMS.url());
        Deployments.service(config, "it-mp-replay", AEM.url(), REPLAYED, WORK.resolve("replayed.json"), IMS.url());
        config.put("aem.environments", "it-listed");
        return Deployments.war("aem-mp", config, APPLICATION);
    }

    @AfterAll
    static void stopStandIns() {
        FAST_AEM.close();
        FAST_IMS.close();
        AEM.close();
        IMS.close();
    }

    HttpResponse<String> get(String path) {
        return Http.get(Server.loopback(base, path));
    }

    static Map<String, List<String>> withoutAuthorization(AemRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.remove("Authorization");
        return headers;
    }

    static long exchangesOf(ImsStandIn ims, TestCredentials credentials) {
        return ims.requests().stream().filter(r -> r.status() == 200)
                .filter(r -> credentials.clientId().equals(r.form().get("client_id"))).count();
    }

    @Test
    void theTypedClientCarriesTheTokenAndSharesItsExchangeWithTheInjectedTarget() {
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = get("api/mp/typed/page-" + i);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains(PAGES.technicalAccountId());
        }
        HttpResponse<String> viaTarget = get("api/mp/target/other");
        assertThat(viaTarget.statusCode()).as(viaTarget.body()).isEqualTo(200);
        HttpResponse<String> built = get("api/mp/built/built-in-code");
        assertThat(built.statusCode()).as(built.body()).isEqualTo(200);
        assertThat(built.body()).contains(PAGES.technicalAccountId());

        assertThat(exchangesOf(IMS, PAGES)).as("IMS exchanges for the typed client, the target and the built client")
                .isEqualTo(1);
        assertThat(AEM.requests()).filteredOn(r -> r.path().startsWith("/content/page-"))
                .hasSize(10).allSatisfy(r -> assertThat(r.bearerToken()).isPresent());
    }

    @Test
    void theTypedClientRenewsFourSecondTokensUnderTraffic() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int calls = 0;
        while (System.nanoTime() < until) {
            HttpResponse<String> response = get("api/mp/fast/traffic-" + calls++);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains(FAST.technicalAccountId());
            Thread.sleep(100);
        }

        assertThat(exchangesOf(FAST_IMS, FAST)).as("renewals of 4-second tokens over 10 s").isBetween(2L, 8L);
        assertThat(FAST_AEM.requests()).filteredOn(r -> r.path().startsWith("/content/traffic-"))
                .extracting(AemRequest::status).as("no call went out with an expired token").containsOnly(200);
    }

    /** The Rest Client's call AEM refused is sent again as it went out (its headers, its body), with a new token. */
    @Test
    void aTypedCallAemRefusedIsSentAgainWithTheNewToken() {
        assertThat(Http.put(Server.loopback(base, "api/mp/replayed/before?revision=r1"), "first").statusCode())
                .isEqualTo(200);
        IMS.revokeTokensOf(REPLAYED.clientId());

        HttpResponse<String> response = Http.put(Server.loopback(base, "api/mp/replayed/after?revision=r2"), "second");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains(REPLAYED.technicalAccountId());
        List<AemRequest> sent = AEM.requests().stream().filter(r -> r.path().equals("/content/after.json")).toList();
        assertThat(sent).extracting(AemRequest::status).containsExactly(401, 200);
        assertThat(sent.get(1).bearerToken()).isPresent().get().isNotEqualTo(sent.get(0).bearerToken().orElseThrow());
        assertThat(sent.get(1).method()).isEqualTo("PUT");
        assertThat(sent.get(1).body()).isEqualTo("second");
        assertThat(sent.get(1).header("X-Revision")).contains("r2");
        assertThat(sent.get(1).header("X-Typed-Client")).contains("replayed-pages");
        assertThat(withoutAuthorization(sent.get(1))).as("every header as the rejected call had it, none doubled")
                .isEqualTo(withoutAuthorization(sent.get(0)));
        assertThat(exchangesOf(IMS, REPLAYED)).isEqualTo(2);
    }

    @Test
    void anEnvironmentOnlyListedInAemEnvironmentsIsFoundByLookup() {
        HttpResponse<String> lookup = get("api/mp/lookup/it-listed/listed");
        HttpResponse<String> byName = get("api/mp/environments/it-listed/by-name");

        assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(200);
        assertThat(lookup.body()).contains(LISTED.technicalAccountId());
        assertThat(byName.statusCode()).as(byName.body()).isEqualTo(200);
    }

    @Test
    void anUnknownEnvironmentIsAnErrorNamingAemEnvironments() {
        HttpResponse<String> response = get("api/mp/environments/it-unknown/x");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("no AEM environment 'it-unknown'").contains("aem.environments")
                .contains("it-listed").contains("it-mp");
    }

    /**
     * Payara Micro, Open Liberty (mpHealth) and WildFly's standalone-microprofile.xml (on its management
     * port) have MicroProfile Health; WildFly's default standalone.xml does not, and there the application
     * runs without the checks (this suite's other tests pass there).
     */
    @Test
    void eachEnvironmentIsAReadinessCheckWhereTheServerHasMicroProfileHealth() {
        get("api/mp/typed/before-health");
        Optional<String> healthUrl = Server.healthUrl(base);
        assumeThat(healthUrl).as("MicroProfile Health on this server's configuration").isPresent();
        String health = healthUrl.orElseThrow();

        HttpResponse<String> ready = Http.get(URI.create(health + "/ready"));

        assertThat(ready.body()).contains("\"aem-it-mp\"").contains("\"aem-it-listed\"").contains("\"aem-it-mp-fast\"")
                .contains("a valid token is held").contains("certificate-days-left");
        assertThat(ready.body()).doesNotContain(PAGES.clientSecret());
        HttpResponse<String> live = Http.get(URI.create(health + "/live"));
        assertThat(live.body()).doesNotContain("aem-it-mp");
    }
}

package io.github.aemclient.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.AemClient;
import io.github.aemclient.testkit.AemRequest;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ConnectProxy;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestTls;
import io.github.aemclient.testkit.Fault;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.jboss.resteasy.microprofile.client.RestClientExtension;
import org.junit.jupiter.api.Test;

/**
 * {@code @AemClient} on a MicroProfile Rest Client interface (RESTEasy's implementation in Weld SE): the
 * environment's credentials and rules on every call, the environment's URL and timeouts as defaults the
 * application's own {@code mp-rest} settings override.
 */
class RestClientTest extends CdiTestSupport {

    static final Extension[] REST_CLIENT = {new RestClientExtension()};

    RestClients.Author startAuthor() {
        return start(REST_CLIENT, RestClients.Author.class, RestClients.AuthorContent.class)
                .select(RestClients.Author.class).get();
    }

    @Test
    void anInjectedRestClientCarriesTheTokenAndSharesItWithTheWebTarget() {
        service("author", AUTHOR);
        int before = ims.successfulExchanges();
        RestClients.Author bean = startAuthor();

        for (int i = 0; i < 5; i++) {
            assertThat(principal(bean.content.page("a" + i))).isEqualTo(AUTHOR.technicalAccountId());
        }
        assertThat(principal(bean.aem.path("/content/b.json").request().get(String.class)))
                .isEqualTo(AUTHOR.technicalAccountId());

        assertThat(ims.successfulExchanges() - before).as("one exchange for the Rest Client and the WebTarget").isEqualTo(1);
        assertThat(lastRequest(aem).path()).isEqualTo("/content/b.json");
        assertThat(aem.requests()).filteredOn(r -> r.path().equals("/content/a0.json")).singleElement()
                .satisfies(r -> assertThat(r.bearerToken()).isPresent());
    }

    @Test
    void theApplicationsOwnUrlWinsAndAnotherOriginGetsNoCredentials() {
        service("author", AUTHOR);
        try (AemStandIn elsewhere = AemStandIn.startLocalSdk().allowAnonymous();
                CapturedLogs logs = CapturedLogs.capture()) {
            configure(RestClients.AuthorContent.class.getName() + "/mp-rest/url", elsewhere.url().toString());
            RestClients.Author bean = startAuthor();

            bean.content.page("p");
            container.select(RestClients.Author.class).get().content.page("p");

            assertThat(logs.messages(java.util.logging.Level.WARNING)).as("said once, not per client")
                    .singleElement().asString()
                    .contains("MicroProfile Rest Client " + RestClients.AuthorContent.class.getName())
                    .contains("configured to call " + elsewhere.url()).contains("another origin")
                    .contains("aem.author.url");

            assertThat(aem.requests()).noneMatch(r -> r.path().equals("/content/p.json"));
            assertThat(lastRequest(elsewhere).path()).isEqualTo("/content/p.json");
            assertThat(lastRequest(elsewhere).authorization()).as("credentials only to aem.author.url").isEmpty();
        }
    }

    /** A URL of the application's on the environment's origin (another path) carries the credentials, unwarned. */
    @Test
    void theApplicationsOwnUrlOnTheSameOriginKeepsTheCredentials() {
        service("author", AUTHOR);
        configure(RestClients.AuthorContent.class.getName() + "/mp-rest/url", aem.url() + "/sub");
        try (CapturedLogs logs = CapturedLogs.capture()) {
            RestClients.Author bean = startAuthor();

            assertThat(principal(bean.content.page("same-origin"))).isEqualTo(AUTHOR.technicalAccountId());

            assertThat(lastRequest(aem).path()).isEqualTo("/sub/content/same-origin.json");
            assertThat(logs.messages(java.util.logging.Level.WARNING)).isEmpty();
        }
    }

    @Test
    void aUrlSetThroughTheConfigKeyWinsToo() {
        service("author", AUTHOR);
        try (AemStandIn elsewhere = AemStandIn.startLocalSdk().allowAnonymous()) {
            configure("aem-pages/mp-rest/url", elsewhere.url().toString());
            RestClients.Keyed bean = start(REST_CLIENT, RestClients.Keyed.class, RestClients.KeyedContent.class)
                    .select(RestClients.Keyed.class).get();

            bean.content.page("k");

            assertThat(lastRequest(elsewhere).path()).isEqualTo("/content/k.json");
        }
    }

    /**
     * A Rest Client proxy cannot re-send its own request: the call is sent again as it went out (the
     * Rest Client's own headers included) through the environment's client, with the new token.
     */
    @Test
    void aRejectedCallIsSentAgainAsItWentOutWithTheNewToken() {
        service("author", AUTHOR);
        RestClients.Author bean = startAuthor();
        bean.content.page("first");
        AccessTokenProvider tokens = container.select(AccessTokenProvider.class, AemClient.Literal.of("author")).get();
        AccessToken rejected = tokens.getAccessToken();
        int exchanges = ims.successfulExchanges();
        ims.revoke(rejected.value());

        assertThat(principal(bean.content.put("rejected", "r7", "new text"))).isEqualTo(AUTHOR.technicalAccountId());

        assertThat(ims.successfulExchanges() - exchanges).as("one renewal").isEqualTo(1);
        List<AemRequest> sent = aem.requests().stream().filter(r -> r.path().equals("/content/rejected.json")).toList();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).status()).isEqualTo(401);
        assertThat(sent.get(0).bearerToken()).contains(rejected.value());
        AemRequest replay = sent.get(1);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.bearerToken()).isPresent().get().isNotEqualTo(rejected.value());
        assertThat(replay.method()).isEqualTo("PUT");
        assertThat(replay.body()).isEqualTo("new text");
        assertThat(replay.header("X-Revision")).contains("r7");
        assertThat(replay.header("X-Typed-Client")).as("a header the Rest Client's own filter added").contains("author-content");
        assertThat(replay.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(replay.headers().entrySet()).filteredOn(h -> h.getKey().equalsIgnoreCase("Authorization"))
                .singleElement().satisfies(h -> assertThat(h.getValue()).hasSize(1));
        assertThat(withoutAuthorization(replay)).as("every header as the rejected call had it, none doubled")
                .isEqualTo(withoutAuthorization(sent.get(0)));
    }

    static Map<String, List<String>> withoutAuthorization(AemRequest request) {
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.remove("Authorization");
        return headers;
    }

    /**
     * An interface told to connect its own way (here a hostname verifier; likewise a trust store, key store
     * or proxy) is not replayed through the environment's client, which would connect another way: the
     * call gets the 401, the next call the new token.
     */
    @Test
    void anInterfaceWithItsOwnTransportSettingsIsNotReplayed() {
        service("author", AUTHOR);
        configure(RestClients.AuthorContent.class.getName() + "/mp-rest/hostnameVerifier",
                RestClients.StrictHostnames.class.getName());
        RestClients.Author bean = startAuthor();
        bean.content.page("first");
        revokeTheAuthorsToken();

        assertThatThrownBy(() -> bean.content.page("own-transport")).isInstanceOf(WebApplicationException.class)
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(401));
        assertThat(principal(bean.content.page("again"))).isEqualTo(AUTHOR.technicalAccountId());

        assertThat(aem.requests()).filteredOn(r -> r.path().equals("/content/own-transport.json")).hasSize(1);
    }

    @Test
    void aRestClientReachesAemThroughTheEnvironmentsTrustStoreAndProxyAndSoDoesItsReplay() {
        TestTls tls = TestTls.generate();
        try (ImsStandIn tlsIms = ImsStandIn.start(tls).register(AUTHOR);
                AemStandIn tlsAem = AemStandIn.start(tlsIms, tls);
                ConnectProxy proxy = ConnectProxy.start()) {
            configure("aem.author.url", tlsAem.url().toString());
            configure("aem.author.credentials-file", AUTHOR.writeTo(dir.resolve("author-tls.json")).toString());
            configure("aem.author.ims-url", tlsIms.url().toString());
            configure("aem.author.trust-store", tls.writeTrustStore(dir.resolve("trust.pem"), "PEM", "").toString());
            configure("aem.author.proxy-address", proxy.address());
            RestClients.Author bean = startAuthor();

            assertThat(principal(bean.content.page("through-proxy"))).isEqualTo(AUTHOR.technicalAccountId());
            AccessToken rejected = container.select(AccessTokenProvider.class, AemClient.Literal.of("author")).get()
                    .getAccessToken();
            tlsIms.revoke(rejected.value());
            assertThat(principal(bean.content.page("replayed"))).isEqualTo(AUTHOR.technicalAccountId());

            assertThat(tlsAem.requests()).filteredOn(r -> r.path().equals("/content/replayed.json")).hasSize(2);
            assertThat(proxy.forwarded()).contains("CONNECT 127.0.0.1:" + tlsIms.port(),
                    "CONNECT 127.0.0.1:" + tlsAem.port());
        }
    }

    @Test
    void aRestClientGoesThroughTheEnvironmentsProxyAndTheCredentialsItCannotCarryAreSaidOnce() {
        try (ConnectProxy environments = ConnectProxy.start(); CapturedLogs logs = CapturedLogs.capture()) {
            service("author", AUTHOR);
            configure("aem.author.proxy-address", environments.address());
            configure("aem.author.proxy-user", "proxy-user");
            configure("aem.author.proxy-password", "proxy-secret");
            RestClients.Author bean = startAuthor();
            bean.content.page("first");
            bean.content.page("second");
            assertThat(environments.forwarded()).anySatisfy(line -> assertThat(line).startsWith("GET " + aem.url()
                    + "/content/first.json"));
            assertThat(logs.messages(java.util.logging.Level.WARNING)).filteredOn(m -> m.contains("without"
                    + " aem.author.proxy-user")).singleElement().satisfies(m -> assertThat(m)
                    .contains(RestClients.AuthorContent.class.getName()).doesNotContain("proxy-secret"));
        }
    }

    /**
     * The application's {@code mp-rest/proxyAddress} is left to Rest Client: the environment's proxy is not set
     * over it. (RESTEasy's MicroProfile client 2.1.5 does not read that key at all, so here the call goes direct.)
     */
    @Test
    void anInterfaceWithAProxyAddressOfItsOwnIsNotGivenTheEnvironments() {
        try (ConnectProxy environments = ConnectProxy.start(); ConnectProxy own = ConnectProxy.start()) {
            service("author", AUTHOR);
            configure("aem.author.proxy-address", environments.address());
            configure(RestClients.AuthorContent.class.getName() + "/mp-rest/proxyAddress", own.address());
            RestClients.Author bean = startAuthor();
            assertThat(principal(bean.content.page("own-proxy"))).isEqualTo(AUTHOR.technicalAccountId());
            assertThat(environments.forwarded()).noneMatch(line -> line.contains("/content/"));
            // The environment's WebTarget still goes through the environment's proxy.
            bean.aem.path("/content/web-target.json").request().get(String.class);
            assertThat(environments.forwarded()).anyMatch(line -> line.contains("/content/web-target.json"));
        }
    }

    /** An interface with a read timeout of its own has its call replayed under that timeout, not the environment's. */
    @Test
    void theReplayKeepsTheInterfacesOwnReadTimeout() {
        service("author", AUTHOR);
        configure(RestClients.AuthorContent.class.getName() + "/mp-rest/readTimeout", "500");
        RestClients.Author bean = startAuthor();
        bean.content.page("first");
        revokeTheAuthorsToken();
        aem.enqueue(Fault.delay(Duration.ZERO), Fault.delay(Duration.ofSeconds(3)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> bean.content.page("slow-replay")).isInstanceOf(ProcessingException.class);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // Not replayed, the call would have ended in the 401 (a WebApplicationException); replayed under the
        // environment's 30 s, in a 200 after 3 s.
        assertThat(tookMillis).as("the replay gave up after the interface's 500 ms, not the environment's 30 s")
                .isLessThan(2500);
        RestClientReplays replays = replays();
        assertThat(replays.openClients()).as("a client for the interface's timeouts").isEqualTo(1);
        container.close();
        assertThat(replays.openClients()).as("closed with the application").isZero();
    }

    /** A timeout of 0 (no limit, as Rest Client reads it) is the interface's own too: the call is replayed under it. */
    @Test
    void aZeroTimeoutOfTheInterfacesIsKeptByTheReplay() {
        service("author", AUTHOR);
        configure(RestClients.AuthorContent.class.getName() + "/mp-rest/readTimeout", "0");
        RestClients.Author bean = startAuthor();
        bean.content.page("first");
        revokeTheAuthorsToken();

        assertThat(principal(bean.content.page("replayed"))).isEqualTo(AUTHOR.technicalAccountId());

        RestClientReplays replays = replays();
        assertThat(replays.openClients()).as("a client for the interface's timeouts").isEqualTo(1);
    }

    /** Timeouts Rest Client cannot read as milliseconds: no replay (and a warning), not a failed build. */
    @Test
    void anInterfaceWithAnUnreadableTimeoutIsNotReplayed() {
        service("author", AUTHOR);
        RestClients.Author bean = startAuthor();
        configure(RestClients.PublishContent.class.getName() + "/mp-rest/readTimeout", "-5");
        service("publish", PUBLISH);
        RestClients.PublishContent content = RestClientBuilder.newBuilder().baseUri(aem.url())
                .build(RestClients.PublishContent.class);
        content.page("first");
        AccessToken rejected = container.select(AemEnvironments.class).get().tokenProvider("publish").orElseThrow()
                .getAccessToken();
        ims.revoke(rejected.value());

        assertThatThrownBy(() -> content.page("unreadable")).isInstanceOf(WebApplicationException.class)
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(401));
        assertThat(bean).isNotNull();
    }

    /** The environment's client may not write what the Rest Client's providers write: that call gets the 401. */
    @Test
    void aRejectedCallWithABodyOnlyTheRestClientCanWriteGetsThe401AndTheNextCallTheNewToken() {
        service("author", AUTHOR);
        RestClients.Author bean = startAuthor();
        bean.content.page("first");
        AccessToken rejected = revokeTheAuthorsToken();

        assertThatThrownBy(() -> bean.content.putNote("noted", new RestClients.Note("hello")))
                .isInstanceOf(WebApplicationException.class)
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(401));
        assertThat(principal(bean.content.page("again"))).isEqualTo(AUTHOR.technicalAccountId());

        assertThat(aem.requests()).filteredOn(r -> r.path().equals("/content/noted.note")).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo("note: hello"));
        assertThat(lastRequest(aem).bearerToken()).isPresent().get().isNotEqualTo(rejected.value());
    }

    /** AEM refusing every token: each call replayed at most once, then no more once renewals are held back. */
    @Test
    void anAemThatRefusesEveryTokenGetsNoReplayLoopAndNoExchangeStorm() {
        try (AemStandIn refusing = AemStandIn.start(ims).refuseEveryToken()) {
            service("author", AUTHOR);
            configure("aem.author.url", refusing.url().toString());
            RestClients.Author bean = startAuthor();
            int exchanges = ims.successfulExchanges();

            for (int i = 0; i < 5; i++) {
                String page = "refused-" + i;
                assertThatThrownBy(() -> bean.content.page(page)).isInstanceOf(WebApplicationException.class)
                        .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus())
                                .isEqualTo(401));
            }

            assertThat(ims.successfulExchanges() - exchanges).as("IMS exchanges").isLessThanOrEqualTo(2);
            assertThat(refusing.requests()).as("each call at most replayed once").hasSizeLessThanOrEqualTo(10);
            assertThat(refusing.requests()).filteredOn(r -> r.path().equals("/content/refused-4.json"))
                    .as("no replay once renewals are held back").hasSize(1);
        }
    }

    @Test
    void theEnvironmentsReadTimeoutApplies() {
        service("author", AUTHOR);
        configure("aem.author.read-timeout", "300ms");
        RestClients.Author bean = startAuthor();
        bean.content.page("warm");
        aem.enqueue(Fault.delay(Duration.ofSeconds(5)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> bean.content.page("slow")).isInstanceOf(ProcessingException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
    }

    @Test
    void aRestClientBuiltInCodeForAnEnvironmentNothingInjectsIsAuthenticatedToo() {
        service("author", AUTHOR);
        service("publish", PUBLISH);
        startAuthor();

        RestClients.PublishContent content = RestClientBuilder.newBuilder().baseUri(aem.url())
                .build(RestClients.PublishContent.class);

        assertThat(principal(content.page("built"))).isEqualTo(PUBLISH.technicalAccountId());
        assertThat(container.select(AemEnvironments.class).get().names()).contains("publish");
    }

    /** A listener kept across containers (one class loader, several applications in turn) uses the running one. */
    @Test
    void aListenerKeptAcrossContainersUsesTheRunningOne() {
        service("author", AUTHOR);
        AemRestClientListener kept = new AemRestClientListener();
        startAuthor();
        kept.onNewClient(RestClients.AuthorContent.class, RestClientBuilder.newBuilder());
        container.close();
        startAuthor();

        RestClientBuilder builder = RestClientBuilder.newBuilder().baseUri(aem.url());
        kept.onNewClient(RestClients.AuthorContent.class, builder);

        assertThat(principal(builder.build(RestClients.AuthorContent.class).page("kept")))
                .isEqualTo(AUTHOR.technicalAccountId());
    }

    /**
     * RESTEasy caches the listeners per class loader in a static map whose value (this library's listener)
     * keeps the key (the application's class loader) alive: undeploying must leave no entry holding it.
     */
    @Test
    void shutdownLeavesNoListenerInRestEasysCache() throws Exception {
        service("author", AUTHOR);
        service("publish", PUBLISH);
        startAuthor();
        Thread thread = Thread.currentThread();
        ClassLoader application = thread.getContextClassLoader();
        thread.setContextClassLoader(new ClassLoader(application) { });
        try {
            RestClientBuilder.newBuilder().baseUri(aem.url()).build(RestClients.PublishContent.class);
        } finally {
            thread.setContextClassLoader(application);
        }
        assertThat(entriesHoldingTheListener()).as("RESTEasy cached the listener").isPositive();

        container.close();

        assertThat(entriesHoldingTheListener()).isZero();
    }

    private static long entriesHoldingTheListener() throws ReflectiveOperationException {
        java.lang.reflect.Field field = Class.forName(RestClientListenerCache.RESTEASY_LISTENERS).getDeclaredField("map");
        field.setAccessible(true);
        Map<?, ?> map = (Map<?, ?>) field.get(null);
        synchronized (map) {
            return map.values().stream().filter(listeners -> ((java.util.Collection<?>) listeners).stream()
                    .anyMatch(AemRestClientListener.class::isInstance)).count();
        }
    }

    @Test
    void aMisconfiguredEnvironmentOfAnInjectedRestClientFailsTheDeployment() {
        configure("aem.broken.url", aem.url().toString());
        configure("aem.broken.credentials-file", dir.resolve("missing.json").toString());

        assertThatThrownBy(() -> start(REST_CLIENT, RestClients.Broken.class, RestClients.BrokenContent.class))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("AEM environment 'broken'")
                .hasMessageContaining("used by MicroProfile Rest Client " + RestClients.BrokenContent.class.getName())
                .hasMessageContaining("aem.broken.");
    }

    @Test
    void theDefaultsAreTheEnvironmentsAsCheckedAndGiveWayToTheApplicationsOwn() {
        service("author", AUTHOR);
        configure("aem.author.connect-timeout", "2500ms");
        configure("aem-pages/mp-rest/readTimeout", "1234");
        startAuthor();
        RestClientDefaults defaults = new RestClientDefaults();
        String author = RestClients.AuthorContent.class.getName();
        String keyed = RestClients.KeyedContent.class.getName();

        assertThat(defaults.getValue(author + "/mp-rest/url")).isEqualTo(aem.url().toString());
        assertThat(defaults.getValue(author + "/mp-rest/connectTimeout")).isEqualTo("2500");
        assertThat(defaults.getValue(author + "/mp-rest/readTimeout")).isEqualTo("30000");
        assertThat(defaults.getValue(keyed + "/mp-rest/readTimeout")).as("set through the configKey").isNull();
        assertThat(defaults.getValue(keyed + "/mp-rest/connectTimeout")).isEqualTo("2500");
        assertThat(defaults.getValue(RestClients.AnnotatedUrl.class.getName() + "/mp-rest/url"))
                .as("a baseUri in @RegisterRestClient").isNull();
        assertThat(defaults.getValue(RestClients.Author.class.getName() + "/mp-rest/url")).as("not an interface").isNull();
        assertThat(defaults.getValue(RestClients.SelfKeyed.class.getName() + "/mp-rest/url"))
                .as("configKey = its own name").isEqualTo(aem.url().toString());
        assertThat(defaults.getValue("aem.author.url")).as("not a Rest Client key").isNull();
        assertThat(defaults.getOrdinal()).isEqualTo(RestClientDefaults.ORDINAL);
    }

    /** Has IMS revoke the author environment's current token, so AEM answers the next call with it 401. */
    private AccessToken revokeTheAuthorsToken() {
        AccessToken current = container.select(AccessTokenProvider.class, AemClient.Literal.of("author")).get()
                .getAccessToken();
        ims.revoke(current.value());
        return current;
    }

    private RestClientReplays replays() {
        return container.getBeanManager().getExtension(AemClientExtension.class).restClientReplays();
    }

    static AemRequest lastRequest(AemStandIn standIn) {
        List<AemRequest> requests = standIn.requests();
        assertThat(requests).isNotEmpty();
        return requests.get(requests.size() - 1);
    }
}

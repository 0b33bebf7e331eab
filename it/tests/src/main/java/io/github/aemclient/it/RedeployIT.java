package io.github.aemclient.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.it.app.AemApi;
import io.github.aemclient.it.app.DeploymentRegistry;
import io.github.aemclient.it.app.LeakObserverApi;
import io.github.aemclient.it.app.LeakObserverResource;
import io.github.aemclient.it.app.RedeployedApplication;
import io.github.aemclient.it.app.RedeployedResource;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ConnectProxy;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deploy, use, undeploy, twenty times on one running server, as a developer's day goes: afterwards no thread of
 * the library remains and every undeployed application's class loader can be collected (a leak of either ends in
 * {@code OutOfMemoryError: Metaspace}). Every fifth application is undeployed while a token renewal it started
 * waits for IMS's answer; that ends without an exception in the server's log. A long-lived observer application
 * on the same server, without the library, does the looking. Runs where the server redeploys in place
 * ({@code it.server.redeploys}): Payara Micro's adapter starts a new server for each deployment instead.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "it.server.redeploys", matches = "true")
class RedeployIT {

    static final int REDEPLOYS = 20;
    static final int RENEWAL_IN_FLIGHT_EVERY = 5;
    /**
     * How long IMS holds back the answer to a renewal that is in flight when its application is undeployed: longer
     * than the whole test, so a renewal the undeployment did not end is still there when the observer looks.
     */
    static final Duration HELD_ANSWER = Duration.ofSeconds(180);
    /** Lines of the server's log the test reads: every server's spelling of a warning or error, and stderr. */
    static final Pattern ALARMING = Pattern.compile("(?i)\\b(WARN|WARNING|SEVERE|ERROR|FATAL)\\b|\\[err\\]|SystemErr"
            // Liberty's messages.log: [date] thread logger W|E message
            + "|^\\[[^\\]]+\\] \\S+ \\S+\\s+[WE] ");
    /** What points at the library: its packages, its threads, its messages. */
    static final Pattern LIBRARY = Pattern.compile("(?i)aemclient|AEM environment|aem-client|aem-ims-client"
            + "|aem-token-renewal|access token");
    /** A JAX-RS client nobody closed (RESTEasy says so when it collects one): the application has only the library's. */
    static final String UNCLOSED_CLIENT = "RESTEASY004687";
    static final Path WORK = AemClientIT.directory("it-redeploy-" + Server.name());
    static final TestCredentials CREDENTIALS = TestCredentials.generate();
    /** Tokens of 4 s: stale, and renewed in the background, about two seconds after they are obtained. */
    static final ImsStandIn IMS = ImsStandIn.start().register(CREDENTIALS).tokenLifetime(Duration.ofSeconds(4));
    static final AemStandIn AEM = AemStandIn.start(IMS);
    /**
     * Both reached through an authenticating proxy, so that what each deployment builds for it (on WildFly, a
     * RESTEasy engine defined through a class loader of the library's) is undeployed 20 times too.
     */
    static final ConnectProxy PROXY = ConnectProxy.start().requireBasic("redeploy-proxy", "proxy pass:word");

    @ArquillianResource
    Deployer deployer;

    @ArquillianResource
    @OperateOnDeployment("observer")
    URL observer;

    @Deployment(name = "observer", testable = false)
    static WebArchive observer() {
        return ShrinkWrap.create(WebArchive.class, "aem-leak-observer.war")
                .addClasses(LeakObserverApi.class, LeakObserverResource.class, DeploymentRegistry.class);
    }

    @Deployment(name = "redeployed", managed = false, testable = false)
    static WebArchive redeployed() {
        Map<String, String> config = new HashMap<>();
        Deployments.service(config, "redeployed", AEM.url(), CREDENTIALS, WORK.resolve("redeployed.json"), IMS.url());
        Deployments.proxy(config, "redeployed", PROXY, "redeploy-proxy", "proxy pass:word");
        return Deployments.war("aem-redeployed", config, AemApi.class, RedeployedResource.class,
                RedeployedApplication.class, DeploymentRegistry.class);
    }

    @AfterAll
    static void stopStandIns() {
        PROXY.close();
        AEM.close();
        IMS.close();
    }

    @Test
    void twentyRedeploysLeaveNoThreadAndNoClassLoaderBehind() {
        int logBefore = Server.logFile().length();
        List<Path> incidentsBefore = Server.incidentReports();
        assertThat(Http.send(HttpRequest.newBuilder(leaks("")).DELETE()).statusCode()).isEqualTo(204);

        for (int deployment = 1; deployment <= REDEPLOYS; deployment++) {
            deployer.deploy("redeployed");
            long renewalReachedIms = 0;
            try {
                assertThat(page().statusCode()).as("deployment %d's first call", deployment).isEqualTo(200);
                if (deployment % RENEWAL_IN_FLIGHT_EVERY == 0) {
                    renewalReachedIms = startARenewalThatIsStillWaitingAtUndeploy(deployment);
                }
            } finally {
                deployer.undeploy("redeployed");
            }
            if (renewalReachedIms != 0) {
                assertThat(Duration.ofNanos(System.nanoTime() - renewalReachedIms))
                        .as("deployment %d undeployed while IMS still held its renewal's answer", deployment)
                        .isLessThan(HELD_ANSWER);
            }
        }

        assertThat(leftBehind()).as("what the undeployed applications left on " + Server.name())
                .contains("noted " + REDEPLOYS + "\n")
                .contains("alive 0\n")
                .doesNotContain("thread ");
        assertThat(PROXY.forwarded()).as("requests the proxy let through")
                .anySatisfy(request -> assertThat(request).contains("127.0.0.1:" + IMS.port()))
                .anySatisfy(request -> assertThat(request).contains("127.0.0.1:" + AEM.port()));
        String log = Server.logFile();
        List<String> alarming = (log.length() >= logBefore ? log.substring(logBefore) : log).lines()
                .filter(line -> (ALARMING.matcher(line).find() || line.contains("Exception"))
                        && LIBRARY.matcher(line).find() || line.contains(UNCLOSED_CLIENT))
                .collect(Collectors.toCollection(ArrayList::new));
        Server.incidentReports().stream().filter(report -> !incidentsBefore.contains(report))
                .filter(report -> LIBRARY.matcher(Server.read(report)).find())
                .forEach(report -> alarming.add("incident report " + report));
        Http.send(HttpRequest.newBuilder(leaks("")).DELETE());
        assertThat(alarming).as("what the server logged about the applications and the library").isEmpty();
    }

    /**
     * Calls until the 4 s token goes stale and a renewal reaches IMS, which holds its answer back for longer than
     * the undeployment then takes; stale calls are answered with the current token meanwhile.
     *
     * @return a moment before the renewal reached IMS (the start of the last call), as {@link System#nanoTime()}
     */
    private long startARenewalThatIsStillWaitingAtUndeploy(int deployment) {
        IMS.enqueue(Fault.delay(HELD_ANSWER));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long lastCall;
        do {
            pause();
            lastCall = System.nanoTime();
            // a call that renewed the token itself would wait for the held answer, past Http's 60 s, and fail here
            assertThat(page().statusCode()).as("deployment %d's calls while its token goes stale", deployment)
                    .isEqualTo(200);
        } while (IMS.pendingFaults() > 0 && System.nanoTime() < deadline);
        assertThat(IMS.pendingFaults()).as("deployment %d's renewal reached IMS", deployment).isZero();
        return lastCall;
    }

    /**
     * The observer's report once garbage has been collected: up to three rounds, each after every request thread
     * ran another task, since a thread can hold one application for a while (see below); with a heap dump of the
     * last round in {@link #WORK} if any class loader is still alive then.
     */
    private String leftBehind() {
        String report = "";
        for (int round = 1; round <= 3 && !report.contains("alive 0\n"); round++) {
            occupyEveryRequestThread();
            String query = "?seconds=10";
            if (round == 3) {
                Path dump = WORK.resolve("redeploys-" + System.currentTimeMillis() + ".hprof");
                query += "&dump=" + URLEncoder.encode(dump.toString(), StandardCharsets.UTF_8);
            }
            report = Http.get(leaks(query)).body();
        }
        return report;
    }

    /**
     * More requests at once than the server has request threads (WildFly: 16 per core), to the observer: a pool
     * thread left idle keeps its last task in its stack, and through it the undeployed application it served,
     * until it runs another (found in a heap dump; nothing the library holds).
     */
    private void occupyEveryRequestThread() {
        int parties = 16 * Runtime.getRuntime().availableProcessors() + 16;
        String round = "round-" + System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < parties; i++) {
            requests.add(Http.sendAsync(HttpRequest.newBuilder(leaks("/occupy?round=" + round + "&parties=" + parties))));
        }
        requests.forEach(request -> assertThat(request.join().statusCode()).isEqualTo(200));
    }

    private HttpResponse<String> page() {
        return Http.get(Server.loopback(observer, "").resolve("/aem-redeployed/api/redeployed"));
    }

    private URI leaks(String query) {
        return Server.loopback(observer, "observer/leaks" + query);
    }

    /** Between calls of a polling loop against the server: the token's staleness is the server's clock's. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.github.aemclient.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.support.CapturedLogs;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import io.github.aemclient.testkit.TestOAuthCredentials;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An environment releases what it created when closed, and refuses to be used afterwards. */
class ResourceHygieneTest {

    @TempDir
    Path dir;

    @Test
    void twoHundredEnvironmentsCreatedUsedAndClosedLeaveNoThreadBehind() throws Exception {
        TestCredentials credentials = TestCredentials.generate();
        TestOAuthCredentials oauth = TestOAuthCredentials.generate();
        Path file = credentials.writeTo(dir.resolve("c.json"));
        try (ImsStandIn ims = ImsStandIn.start().register(credentials).register(oauth);
                AemStandIn aem = AemStandIn.start(ims)) {
            // One round first: classes loaded, the stand-ins' own threads started.
            useAndClose(aem, ims, file, oauth, 0);
            settle(Integer.MAX_VALUE);
            int before = ManagementFactory.getThreadMXBean().getThreadCount();

            for (int i = 1; i <= 200; i++) {
                useAndClose(aem, ims, file, oauth, i);
            }

            int after = settle(before);
            assertThat(after).as("live threads after 200 environments (before: %d); now running: %s", before,
                    threadNames()).isLessThanOrEqualTo(before);
            assertThat(ims.successfulExchanges()).isEqualTo(201);
        }
    }

    /** Half service, half OAuth; each obtains a token, calls AEM once and is closed. */
    private static void useAndClose(AemStandIn aem, ImsStandIn ims, Path file, TestOAuthCredentials oauth, int i) {
        AemEnvironment.Builder builder = AemEnvironment.builder("e" + i).url(aem.url().toString())
                .imsUrl(ims.url().toString());
        if (i % 2 == 0) {
            builder.credentialsFile(file);
        } else {
            builder.property("client-id", oauth.clientId()).property("client-secret", oauth.clientSecret())
                    .property("scopes", oauth.scopesText());
        }
        try (AemEnvironment environment = builder.build()) {
            environment.target().path("/content/x.json").request().get().close();
        }
    }

    /** Waits (at most 30 s, collecting garbage) for the thread count to come down to {@code target}. */
    private static int settle(int target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int count;
        do {
            System.gc();
            Thread.sleep(50); // polling the JVM, not waiting for an event: there is none to wait for
            count = ManagementFactory.getThreadMXBean().getThreadCount();
        } while (count > target && System.nanoTime() < deadline);
        return count;
    }

    private static String threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .collect(Collectors.groupingBy(Thread::getName, java.util.TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " ×" + e.getValue() : ""))
                .collect(Collectors.joining(", "));
    }

    @Test
    void closingDuringAnExchangeEndsItAtOnceWithoutAWarning() throws Exception {
        TestCredentials credentials = TestCredentials.generate();
        try (ImsStandIn ims = ImsStandIn.start().register(credentials);
                CapturedLogs logs = CapturedLogs.capture()) {
            ims.enqueue(io.github.aemclient.testkit.Fault.delay(Duration.ofSeconds(20)));
            AemEnvironment author = AemEnvironment.builder("author").url("https://author.example.com")
                    .imsUrl(ims.url().toString()).credentialsFile(credentials.writeTo(dir.resolve("slow.json")))
                    .readTimeout(Duration.ofSeconds(30)).build();
            AccessTokenProvider tokens = author.tokenProvider().orElseThrow();
            java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    tokens.getAccessToken();
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            caller.start();
            // The exchange is in flight once IMS holds the request (the delay is served before it answers).
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (caller.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long closedAt = System.nanoTime();

            author.close();

            Throwable failure = outcome.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).as("ended by the close, not a timeout")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(failure).isNotNull().hasMessageContaining("closed");
            assertThat(logs.messages(java.util.logging.Level.WARNING)).as("warnings").isEmpty();
        }
    }

    @Test
    void developerAndBasicEnvironmentsStopSendingCredentialsOnceClosed() {
        try (ImsStandIn ims = ImsStandIn.start();
                AemStandIn aem = AemStandIn.start(ims);
                AemStandIn sdk = AemStandIn.startLocalSdk().withBasicUser("admin", "pw")) {
            AemEnvironment dev = AemEnvironment.builder("dev").url(aem.url().toString())
                    .token(ims.issueDeveloperToken(java.time.Instant.now(), Duration.ofHours(24))).build();
            AccessTokenProvider devTokens = dev.tokenProvider().orElseThrow();
            AemEnvironment local = AemEnvironment.builder("local").url(sdk.url().toString()).basicAuth("admin", "pw")
                    .build();
            Client mine = local.applyTo(ClientBuilder.newBuilder()).build();
            assertThat(mine.target(sdk.url()).path("/content/x.json").request().get().getStatus()).isEqualTo(200);

            dev.close();
            local.close();

            assertThatThrownBy(devTokens::getAccessToken).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("AEM environment 'dev' is closed");
            assertThatThrownBy(() -> mine.target(sdk.url()).path("/content/x.json").request().get())
                    .isInstanceOf(ProcessingException.class).cause().isInstanceOf(IllegalStateException.class);
            mine.close();
            assertThat(sdk.requests()).hasSize(1);
        }
    }

    @Test
    void aClosedEnvironmentSaysSoAndClosingTwiceIsHarmless() {
        TestCredentials credentials = TestCredentials.generate();
        try (ImsStandIn ims = ImsStandIn.start().register(credentials);
                AemStandIn aem = AemStandIn.start(ims)) {
            AemEnvironment author = AemEnvironment.builder("author").url(aem.url().toString())
                    .imsUrl(ims.url().toString()).credentialsFile(credentials.writeTo(dir.resolve("a.json"))).build();
            AccessTokenProvider tokens = author.tokenProvider().orElseThrow();
            tokens.getAccessToken();
            Client mine = author.applyTo(ClientBuilder.newBuilder()).build();

            author.close();
            author.close();

            for (Runnable use : List.<Runnable>of(author::client, author::target, author::tokenProvider,
                    () -> author.applyTo(ClientBuilder.newBuilder()), tokens::getAccessToken)) {
                assertThatThrownBy(use::run).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("AEM environment 'author'").hasMessageContaining("closed");
            }
            assertThatThrownBy(() -> mine.target(aem.url()).path("/content/x.json").request().get())
                    .isInstanceOf(ProcessingException.class).cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            mine.close();
            assertThat(author.name()).isEqualTo("author");
            assertThat(author.toString()).contains("author");
            assertThat(Arrays.asList(author.url(), author.mode())).doesNotContainNull();
        }
    }
}

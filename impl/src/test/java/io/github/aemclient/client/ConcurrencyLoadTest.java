package io.github.aemclient.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 threads × thousands of calls through the JAX-RS client (RESTEasy) and the filter, across several
 * token renewals, with IMS failing during one of them. A terminal filter after ours stands in for AEM
 * without the network: it accepts only tokens the IMS stand-in issued and that are still live.
 */
class ConcurrencyLoadTest {

    static final int THREADS = 64;
    static final int MIN_CALLS_PER_THREAD = 3_000;
    static final Duration LIFETIME = Duration.ofSeconds(4);

    @TempDir
    Path dir;

    @Test
    void noFailedCallNo401AndNoRefreshStorm() throws Exception {
        TestCredentials credentials = TestCredentials.generate();
        try (ImsStandIn ims = ImsStandIn.start().register(credentials).tokenLifetime(LIFETIME);
                AemEnvironment author = AemEnvironment.builder("author").url("https://author.aem.test")
                        .credentialsFile(credentials.writeTo(dir.resolve("c.json"))).imsUrl(ims.url().toString())
                        .build()) {
            LongAdder unauthorized = new LongAdder();
            author.client().register(new AemThatChecksTokens(ims, unauthorized));
            author.target().path("/warm").request().get().close();
            // The next renewal meets two IMS failures first; the retries must land while the token is valid.
            ims.enqueue(Fault.error(503, "temporarily_unavailable", "busy"),
                    Fault.body(502, "text/html", "<html>bad gateway</html>"));

            LongAdder calls = new LongAdder();
            AtomicInteger failures = new AtomicInteger();
            List<String> firstFailures = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();
            long deadline = started + Duration.ofSeconds(60).toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    workers.add(pool.submit(() -> {
                        go.await();
                        int done = 0;
                        // Until each thread made its calls and the token was renewed at least 3 times.
                        while ((done < MIN_CALLS_PER_THREAD || ims.successfulExchanges() < 4)
                                && System.nanoTime() < deadline) {
                            try (Response response = author.target().path("/content/load.json").request().get()) {
                                if (response.getStatus() != 200) {
                                    failures.incrementAndGet();
                                }
                            } catch (RuntimeException e) {
                                if (failures.incrementAndGet() <= 3) {
                                    firstFailures.add(e.toString());
                                }
                            }
                            done++;
                            calls.increment();
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> worker : workers) {
                    worker.get(90, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("ConcurrencyLoadTest: %d threads, %d calls in %d ms, %d IMS exchanges (%d requests,"
                    + " 2 failed on purpose), %d failures, %d 401s%n", THREADS, calls.sum(), elapsed.toMillis(),
                    ims.successfulExchanges(), ims.requests().size(), failures.get(), unauthorized.sum());

            assertThat(calls.sum()).isGreaterThanOrEqualTo((long) THREADS * MIN_CALLS_PER_THREAD);
            assertThat(failures.get()).as("failed calls of %d; first: %s", calls.sum(), firstFailures).isZero();
            assertThat(unauthorized.sum()).as("401s").isZero();
            assertThat(ims.pendingFaults()).as("the injected IMS failures were met").isZero();
            // One renewal per half lifetime, plus the first exchange and slack for the run's edges.
            long bound = elapsed.toMillis() / LIFETIME.dividedBy(2).toMillis() + 3;
            assertThat(ims.successfulExchanges()).as("exchanges in %s", elapsed).isBetween(4, (int) bound);
        }
    }

    /** Answers like AEM would, without the network: 200 for a live token from this IMS, 401 otherwise. */
    @Priority(Priorities.USER + 1000)
    static final class AemThatChecksTokens implements ClientRequestFilter {
        private final ImsStandIn ims;
        private final LongAdder unauthorized;

        AemThatChecksTokens(ImsStandIn ims, LongAdder unauthorized) {
            this.ims = ims;
            this.unauthorized = unauthorized;
        }

        @Override
        public void filter(ClientRequestContext request) {
            String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            boolean live = header != null && header.startsWith("Bearer ")
                    && ims.principalOf(header.substring(7)).isPresent();
            if (!live) {
                unauthorized.increment();
            }
            request.abortWith(Response.status(live ? 200 : 401).build());
        }
    }
}

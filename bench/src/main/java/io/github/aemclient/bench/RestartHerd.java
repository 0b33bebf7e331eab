package io.github.aemclient.bench;

import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A rolling restart measured: {@code instances} environments (one per pod, in one JVM) ask for their
 * first token at once from an IMS stand-in that takes {@code exchangesPerSecond} and answers the rest
 * with 429 and {@code Retry-After: 1}. Not a JMH benchmark: one herd is one long event whose shape, not
 * speed, is measured — times are reported against the ideal drain time (instances / rate), so the
 * figures read the same on any machine.
 */
final class RestartHerd {

    private RestartHerd() {
    }

    /** One herd: time to each first token (sorted, ms), throttled IMS answers, the ideal drain time (ms). */
    record Outcome(int instances, int exchangesPerSecond, long[] firstTokenMillis, int throttled, int failed) {

        double idealMillis() {
            return 1000.0 * instances / exchangesPerSecond;
        }

        /** A percentile of the time to first token, as a multiple of the ideal drain time. */
        double relative(double percentile) {
            int index = (int) Math.min(firstTokenMillis.length - 1, Math.ceil(percentile / 100 * firstTokenMillis.length) - 1);
            return firstTokenMillis[Math.max(0, index)] / idealMillis();
        }

        double throttledPerInstance() {
            return (double) throttled / instances;
        }

        String row() {
            return String.format(Locale.ROOT, "| %d at %d/s | %.0f ms | %.2f | %.2f | %.2f | %.2f | %d |", instances,
                    exchangesPerSecond, idealMillis(), relative(50), relative(90), relative(100),
                    throttledPerInstance(), failed);
        }
    }

    static Outcome run(int instances, int exchangesPerSecond) {
        TestCredentials credentials = TestCredentials.generate();
        Path file = credentials.writeTo(temporaryFile());
        List<AemEnvironment> environments = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try (ImsStandIn ims = ImsStandIn.start().register(credentials).throttle(exchangesPerSecond)) {
            for (int i = 0; i < instances; i++) {
                environments.add(AemEnvironment.builder("pod-" + i).url("https://author.example.com")
                        .credentialsFile(file).imsUrl(ims.url().toString()).build());
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> firstTokens = new ArrayList<>();
            for (AemEnvironment environment : environments) {
                AccessTokenProvider tokens = environment.tokenProvider().orElseThrow();
                firstTokens.add(pool.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    tokens.getAccessToken();
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }));
            }
            go.countDown();
            List<Long> served = new ArrayList<>();
            int failed = 0;
            for (Future<Long> firstToken : firstTokens) {
                try {
                    served.add(firstToken.get(2, TimeUnit.MINUTES));
                } catch (ExecutionException | TimeoutException e) {
                    failed++;
                }
            }
            long[] millis = served.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(millis);
            return new Outcome(instances, exchangesPerSecond, millis, ims.throttled(), failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
            environments.forEach(AemEnvironment::close);
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind
            }
        }
    }

    private static Path temporaryFile() {
        try {
            return Files.createTempFile("aem-herd", ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

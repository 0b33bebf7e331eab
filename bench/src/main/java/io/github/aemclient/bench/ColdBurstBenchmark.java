package io.github.aemclient.bench;

import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsStandIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * 256 threads make their first call at once on an empty cache while IMS takes 200 ms to answer: the
 * time until every caller has its token, and how many exchanges that took.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ColdBurstBenchmark {

    static final int CALLERS = 256;
    static final Duration IMS_LATENCY = Duration.ofMillis(200);

    private ImsStandIn ims;
    private AemEnvironment environment;
    private CountDownLatch go;
    private CountDownLatch done;
    private final AtomicInteger failures = new AtomicInteger();
    private final List<Thread> callers = new ArrayList<>();
    private int exchangesBefore;

    /** Reported beside the time: exchanges per burst, and callers that got no token. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Outcome {
        public long exchanges;
        public long failedCallers;
    }

    @Setup(Level.Trial)
    public void startIms() {
        ims = ImsStandIn.start().register(StandIns.CREDENTIALS);
    }

    @Setup(Level.Iteration)
    public void prepareBurst() {
        environment = StandIns.environment("burst", "https://author-p12345-e67890.adobeaemcloud.com", ims).build();
        AccessTokenProvider provider = environment.tokenProvider().orElseThrow();
        ims.enqueue(Fault.delay(IMS_LATENCY));
        exchangesBefore = ims.successfulExchanges();
        failures.set(0);
        go = new CountDownLatch(1);
        done = new CountDownLatch(CALLERS);
        callers.clear();
        for (int i = 0; i < CALLERS; i++) {
            Thread caller = new Thread(() -> {
                try {
                    go.await();
                    provider.getAccessToken();
                } catch (InterruptedException | RuntimeException e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
            caller.start();
            callers.add(caller);
        }
    }

    @Benchmark
    public void burst(Outcome outcome) throws InterruptedException {
        go.countDown();
        done.await();
        outcome.exchanges += ims.successfulExchanges() - exchangesBefore;
        outcome.failedCallers += failures.get();
    }

    @TearDown(Level.Iteration)
    public void finishBurst() throws InterruptedException {
        for (Thread caller : callers) {
            caller.join();
        }
        environment.close();
    }

    @TearDown(Level.Trial)
    public void stopIms() {
        ims.close();
    }
}

package io.github.aemclient.bench;

import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.MutableClock;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * Request latency through the filter while a proactive renewal is running against an IMS that takes
 * 2 s to answer, against the latency with a fresh token.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SlowImsRefreshBenchmark {

    static final Duration IMS_LATENCY = Duration.ofSeconds(2);
    static final Duration LIFETIME = Duration.ofHours(1);

    @State(Scope.Thread)
    public static class Request {
        final FakeRequestContext context = new FakeRequestContext(FilterHotPathBenchmark.AEM);
    }

    /** A fresh token, no renewal in sight; on the same kind of clock as {@link During}, never moved. */
    @State(Scope.Benchmark)
    public static class Outside {
        final MutableClock clock = MutableClock.startingNow();
        ImsStandIn ims;
        AemEnvironment environment;
        ClientRequestFilter filter;

        @Setup(Level.Trial)
        public void setUp() {
            ims = ImsStandIn.start().register(StandIns.CREDENTIALS).tokenLifetime(LIFETIME).clock(clock);
            environment = StandIns.environment("outside", "https://author-p12345-e67890.adobeaemcloud.com", ims)
                    .clock(clock).build();
            environment.tokenProvider().orElseThrow().getAccessToken();
            filter = LibraryFilters.of(environment);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            environment.close();
            ims.close();
        }
    }

    /**
     * Always inside a renewal window, with IMS answering after 2 s: each renewal, as it finishes, moves
     * the clock past half the new token's life, so the next call starts another. Event-driven: a polling
     * thread would preempt the measured threads on a small machine and measure itself.
     */
    @State(Scope.Benchmark)
    public static class During {
        final MutableClock clock = MutableClock.startingNow();
        ImsStandIn ims;
        AemEnvironment environment;
        ClientRequestFilter filter;
        volatile int renewalsStarted;

        @Setup(Level.Trial)
        public void setUp() {
            ims = ImsStandIn.start().register(StandIns.CREDENTIALS).tokenLifetime(LIFETIME).clock(clock);
            environment = StandIns.environment("during", "https://author-p12345-e67890.adobeaemcloud.com", ims)
                    .clock(clock)
                    .renewalExecutor(renewal -> {
                        renewalsStarted++;
                        Thread thread = new Thread(() -> {
                            renewal.run();
                            makeStale();
                        }, "renewal");
                        thread.setDaemon(true);
                        thread.start();
                    })
                    .build();
            environment.tokenProvider().orElseThrow().getAccessToken();
            filter = LibraryFilters.of(environment);
            for (int i = 0; i < 1000; i++) {
                ims.enqueue(Fault.delay(IMS_LATENCY));
            }
            makeStale();
        }

        private void makeStale() {
            clock.advance(LIFETIME.dividedBy(2).plusMinutes(1));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (renewalsStarted < 1) {
                throw new IllegalStateException("no renewal was started: the calls were never in a renewal window");
            }
            environment.close();
            ims.close();
        }
    }

    @Benchmark
    public Object outsideRefresh(Outside outside, Request request) throws IOException {
        outside.filter.filter(request.context);
        return request.context;
    }

    @Benchmark
    public Object duringRefresh(During during, Request request) throws IOException {
        during.filter.filter(request.context);
        return request.context;
    }
}

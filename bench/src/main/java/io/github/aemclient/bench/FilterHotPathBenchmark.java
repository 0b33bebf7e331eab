package io.github.aemclient.bench;

import io.github.aemclient.AccessToken;
import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.testkit.ImsStandIn;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
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
 * The per-request cost of the library's request filters (the request snapshot a 401 replay starts from,
 * and the authentication) with a fresh cached token, beside (a) a filter that
 * puts a constant, pre-built header (the floor) and (b) the usual hand-written alternative: a provider
 * whose getter is {@code synchronized} and checks expiry on every call, the header built each time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FilterHotPathBenchmark {

    static final URI AEM = URI.create("https://author-p12345-e67890.adobeaemcloud.com/content/wknd/us/en.json");

    private ImsStandIn ims;
    private AemEnvironment environment;
    private ClientRequestFilter aemClient;
    private ClientRequestFilter constantHeader;
    private ClientRequestFilter synchronizedProvider;

    @State(Scope.Thread)
    public static class Request {
        final FakeRequestContext context = new FakeRequestContext(AEM);
    }

    @Setup(Level.Trial)
    public void setUp() {
        ims = ImsStandIn.start().register(StandIns.CREDENTIALS);
        environment = StandIns.environment("bench", "https://author-p12345-e67890.adobeaemcloud.com", ims).build();
        AccessToken token = environment.tokenProvider().orElseThrow().getAccessToken();
        // Both of the library's request filters: the snapshot a replay starts from, and the authentication.
        aemClient = LibraryFilters.of(environment);
        String header = "Bearer " + token.value();
        constantHeader = request -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, header);
        SynchronizedTokenProvider provider = new SynchronizedTokenProvider(token.value(), token.expiresAt());
        synchronizedProvider = request -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION,
                "Bearer " + provider.getAccessToken());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        environment.close();
        ims.close();
    }

    @Benchmark
    public Object constantHeader(Request request) throws IOException {
        constantHeader.filter(request.context);
        return request.context;
    }

    @Benchmark
    public Object aemClient(Request request) throws IOException {
        aemClient.filter(request.context);
        return request.context;
    }

    @Benchmark
    public Object synchronizedProvider(Request request) throws IOException {
        synchronizedProvider.filter(request.context);
        return request.context;
    }

    /** The common hand-written provider: one lock, an expiry check on every call. */
    static final class SynchronizedTokenProvider {
        private final String token;
        private final Instant expiresAt;

        SynchronizedTokenProvider(String token, Instant expiresAt) {
            this.token = token;
            this.expiresAt = expiresAt;
        }

        synchronized String getAccessToken() {
            if (Instant.now().isAfter(expiresAt.minusSeconds(60))) {
                throw new IllegalStateException("a real provider would renew here; the benchmark token lasts 24 h");
            }
            return token;
        }
    }
}

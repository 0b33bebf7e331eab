package io.github.aemclient.bench;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.testkit.ImsStandIn;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The library's request filters beside the cached path of a widely used peer, google-auth-library-java's
 * {@code OAuth2Credentials} ({@code GoogleCredentials.create(new AccessToken(value, expiry))}, then
 * {@code getRequestMetadata(uri)} and its {@code Authorization} value put on the request), and the
 * constant-header floor, all with a fresh cached token. The peer checks expiry on every call (it reads a
 * clock) but not the origin; the library checks both.
 *
 * <p>How requests vary, so that nothing is faster only because the benchmark reuses objects:
 * {@code cycled} reuses one request context per thread and cycles 64 distinct {@code URI} objects;
 * {@code fresh-uri} builds a new {@code URI} from one of 64 strings per call, as a client does per
 * request; {@code fresh-request} also builds a new request context per call, carrying an {@code Accept}
 * header as {@code target.request(APPLICATION_JSON)} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PeerHotPathBenchmark {

    static final String ORIGIN = "https://author-p12345-e67890.adobeaemcloud.com";
    static final int DISTINCT_URIS = 64;

    @Param({"cycled", "fresh-uri", "fresh-request"})
    public String requests;

    private ImsStandIn ims;
    private AemEnvironment environment;
    private ClientRequestFilter aemClient;
    private ClientRequestFilter googleAuth;
    private ClientRequestFilter constantHeader;
    private ClientRequestFilter clockThenConstantHeader;

    @State(Scope.Thread)
    public static class Requests {
        final String[] strings = new String[DISTINCT_URIS];
        final URI[] uris = new URI[DISTINCT_URIS];
        FakeRequestContext reused;
        int next;
        boolean freshUri;
        boolean freshContext;

        @Setup(Level.Trial)
        public void setUp(PeerHotPathBenchmark benchmark) {
            for (int i = 0; i < DISTINCT_URIS; i++) {
                strings[i] = ORIGIN + "/content/wknd/us/en/page-" + i + ".model.json";
                uris[i] = URI.create(strings[i]);
            }
            freshUri = !benchmark.requests.equals("cycled");
            freshContext = benchmark.requests.equals("fresh-request");
            reused = new FakeRequestContext(uris[0]);
        }

        /** The request the next call filters. */
        FakeRequestContext next() {
            int i = next++ & (DISTINCT_URIS - 1);
            URI uri = freshUri ? URI.create(strings[i]) : uris[i];
            if (freshContext) {
                FakeRequestContext context = new FakeRequestContext(uri);
                context.getHeaders().add(HttpHeaders.ACCEPT, "application/json");
                return context;
            }
            reused.setUri(uri);
            return reused;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ims = ImsStandIn.start().register(StandIns.CREDENTIALS);
        environment = StandIns.environment("bench", ORIGIN, ims).build();
        io.github.aemclient.AccessToken token = environment.tokenProvider().orElseThrow().getAccessToken();
        aemClient = LibraryFilters.of(environment);
        GoogleCredentials credentials = GoogleCredentials.create(
                new AccessToken(token.value(), Date.from(token.expiresAt())));
        googleAuth = request -> {
            Map<String, List<String>> metadata = credentials.getRequestMetadata(request.getUri());
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, metadata.get(HttpHeaders.AUTHORIZATION).get(0));
        };
        String header = "Bearer " + token.value();
        constantHeader = request -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, header);
        long expiresAtMillis = token.expiresAt().toEpochMilli();
        clockThenConstantHeader = request -> {
            if (System.currentTimeMillis() >= expiresAtMillis) {
                throw new IllegalStateException("The benchmark's token expired");
            }
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, header);
        };
        verifySameHeader(token.value());
    }

    /** All four put the same header, or the comparison would be meaningless. */
    private void verifySameHeader(String token) throws IOException {
        for (ClientRequestFilter filter : List.of(aemClient, googleAuth, constantHeader, clockThenConstantHeader)) {
            FakeRequestContext request = new FakeRequestContext(URI.create(ORIGIN + "/content.json"));
            filter.filter(request);
            if (!("Bearer " + token).equals(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
                throw new IllegalStateException("A filter did not put the token's header: " + filter);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        environment.close();
        ims.close();
    }

    @Benchmark
    public Object constantHeader(Requests requests) throws IOException {
        FakeRequestContext request = requests.next();
        constantHeader.filter(request);
        return request;
    }

    /**
     * The least a path that checks expiry can cost: one read of the system clock compared with the token's
     * expiry, then the constant header. Both google-auth and the library read that clock once per call.
     */
    @Benchmark
    public Object clockThenConstantHeader(Requests requests) throws IOException {
        FakeRequestContext request = requests.next();
        clockThenConstantHeader.filter(request);
        return request;
    }

    @Benchmark
    public Object googleAuth(Requests requests) throws IOException {
        FakeRequestContext request = requests.next();
        googleAuth.filter(request);
        return request;
    }

    @Benchmark
    public Object aemClient(Requests requests) throws IOException {
        FakeRequestContext request = requests.next();
        aemClient.filter(request);
        return request;
    }
}

package io.github.aemclient.bench;

import com.sun.net.httpserver.HttpServer;
import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.testkit.ImsStandIn;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
 * Requests per second through RESTEasy's client to a loopback server, with the library's filter and
 * with a filter adding a constant header, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EndToEndBenchmark {

    static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final byte[] BODY = "{\"jcr:title\":\"WKND\"}".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private ImsStandIn ims;
    private AemEnvironment environment;
    private WebTarget aemClient;
    private Client constantClient;
    private WebTarget constantHeader;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (!Boolean.getBoolean(NODELAY)) {
            // Read once by the JDK; set here for in-process runs that have not started a server yet.
            System.setProperty(NODELAY, "true");
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, BODY.length);
            exchange.getResponseBody().write(BODY);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        ims = ImsStandIn.start().register(StandIns.CREDENTIALS);
        environment = StandIns.environment("bench", url, ims).build();
        String header = "Bearer " + environment.tokenProvider().orElseThrow().getAccessToken().value();
        aemClient = environment.target().path("/content/wknd.json");
        // Configured exactly as the library configures its client, so only the filter differs.
        constantClient = ClientBuilder.newBuilder()
                // The library's defaults (aem.<env>.connect-timeout, read-timeout).
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .property(AemEnvironment.JERSEY_FOLLOW_REDIRECTS, Boolean.FALSE)
                .property(AemEnvironment.RESTEASY_FOLLOW_REDIRECTS, Boolean.FALSE)
                .register((ClientRequestFilter) request ->
                        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, header))
                .build();
        constantHeader = constantClient.target(url).path("/content/wknd.json");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        constantClient.close();
        environment.close();
        ims.close();
        server.stop(0);
    }

    @Benchmark
    public int constantHeader() {
        return call(constantHeader);
    }

    @Benchmark
    public int aemClient() {
        return call(aemClient);
    }

    private static int call(WebTarget target) {
        try (Response response = target.request().get()) {
            response.readEntity(byte[].class);
            if (response.getStatus() != 200) {
                throw new IllegalStateException("HTTP " + response.getStatus());
            }
            return response.getStatus();
        }
    }
}

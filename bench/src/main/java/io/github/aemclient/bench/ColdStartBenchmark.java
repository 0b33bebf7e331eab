package io.github.aemclient.bench;

import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.github.aemclient.internal.credentials.ServiceCredentialsReader;
import io.github.aemclient.internal.jwt.JwtAssertionFactory;
import io.github.aemclient.testkit.ImsStandIn;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
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
 * What a starting instance pays before its first authenticated request: from building the
 * {@code AemEnvironment} (service credentials file) to the first {@code Authorization} header, which takes
 * reading the credentials (JSON, private key, certificate, the check that they belong together), signing
 * the JWT and the exchange with IMS (the testkit stand-in, in process, on loopback). Beside it, the first
 * two steps alone, so their share can be named. Run once per fresh JVM (one shot per fork: class loading
 * and a cold JIT included, as after a pod restart) and repeatedly in one warmed-up JVM.
 *
 * <p>For the fresh-JVM figures to be fresh, the stand-in runs outside the measured JVM: the runner starts
 * it and passes its URL and a credentials file in {@link #IMS_URL} and {@link #CREDENTIALS}. Without them
 * (a run in process) the benchmark starts its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ColdStartBenchmark {

    static final String ORIGIN = "https://author-p12345-e67890.adobeaemcloud.com";

    static final String IMS_URL = "aem.bench.ims-url";
    static final String CREDENTIALS = "aem.bench.credentials";

    private ImsStandIn ownIms;
    private String imsUrl;
    private Path credentialsFile;

    @Setup(Level.Trial)
    public void setUp() {
        imsUrl = System.getProperty(IMS_URL);
        String credentials = System.getProperty(CREDENTIALS);
        if (imsUrl == null || credentials == null) {
            ownIms = ImsStandIn.start().register(StandIns.CREDENTIALS);
            imsUrl = ownIms.url().toString();
            credentialsFile = StandIns.credentialsFile();
        } else {
            credentialsFile = Path.of(credentials);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (ownIms != null) {
            ownIms.close();
        }
    }

    /** Environment built, first request to AEM given its header, environment closed (not timed apart). */
    @Benchmark
    public Object firstHeader() throws IOException {
        AemEnvironment environment = AemEnvironment.builder("cold").url(ORIGIN).credentialsFile(credentialsFile)
                .imsUrl(imsUrl).build();
        try {
            FakeRequestContext request = new FakeRequestContext(URI.create(ORIGIN + "/content.json"));
            LibraryFilters.of(environment).filter(request);
            Object header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (header == null) {
                throw new IllegalStateException("no Authorization header was put");
            }
            return header;
        } finally {
            environment.close();
        }
    }

    @Benchmark
    public Object readCredentials() {
        return ServiceCredentialsReader.fromFile(credentialsFile);
    }

    @Benchmark
    public Object readCredentialsAndSign() {
        ServiceCredentials credentials = ServiceCredentialsReader.fromFile(credentialsFile);
        return new JwtAssertionFactory(credentials, Clock.systemUTC(), Duration.ofMinutes(5)).create();
    }
}

package io.github.aemclient.internal.filter;

import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.support.CapturedLogs;
import io.github.aemclient.testkit.AemRequest;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import jakarta.ws.rs.client.ClientBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-ins and one environment, warmed (it holds a token), through one JAX-RS implementation's
 * client: what the replay contracts start from.
 */
public abstract class ReplayFixture {

    static final TestCredentials TEST = TestCredentials.generate();
    static ImsStandIn ims;
    static AemStandIn aem;
    @TempDir
    static Path dir;
    static Path credentialsFile;

    AemEnvironment author;
    CapturedLogs logs;

    /** The JAX-RS implementation under test. */
    protected abstract Supplier<ClientBuilder> clientBuilder();

    @BeforeAll
    static void startStandIns() {
        ims = ImsStandIn.start().register(TEST);
        aem = AemStandIn.start(ims);
        credentialsFile = TEST.writeTo(dir.resolve("credentials.json"));
    }

    @AfterAll
    static void stopStandIns() {
        aem.close();
        ims.close();
    }

    @BeforeEach
    void connect() {
        logs = CapturedLogs.capture();
        author = AemEnvironment.builder("author").url(aem.url().toString()).credentialsFile(credentialsFile)
                .imsUrl(ims.url().toString()).clientBuilder(clientBuilder()).build();
        author.target().path("/warm").request().get().close();
    }

    @AfterEach
    void close() {
        author.close();
        logs.close();
    }

    /** What AEM received from here on, after {@code ims.revokeAll()}. */
    List<AemRequest> revokeAndRecord(Runnable call) {
        int before = aem.requests().size();
        ims.revokeAll();
        call.run();
        return aem.requests().subList(before, aem.requests().size());
    }
}

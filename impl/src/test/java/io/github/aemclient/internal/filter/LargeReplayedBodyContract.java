package io.github.aemclient.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.testkit.AemRequest;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 256 MB download whose first request AEM rejects reaches the caller as a stream: run in a JVM whose
 * heap is far smaller than the body (the surefire executions named "*-small-heap" give it 64 MB), so
 * buffering the replay's answer anywhere would fail with {@code OutOfMemoryError}.
 */
public abstract class LargeReplayedBodyContract {

    static final long SIZE = 256L * 1024 * 1024;

    @TempDir
    Path dir;

    protected abstract Supplier<ClientBuilder> clientBuilder();

    @Test
    void aLargeReplayedBodyIsStreamedNotBuffered() throws IOException {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap limit of this JVM").isLessThan(SIZE / 2);
        TestCredentials test = TestCredentials.generate();
        try (ImsStandIn ims = ImsStandIn.start().register(test); AemStandIn aem = AemStandIn.start(ims);
                AemEnvironment author = AemEnvironment.builder("author").url(aem.url().toString())
                        .credentialsFile(test.writeTo(dir.resolve("credentials.json")))
                        .imsUrl(ims.url().toString()).clientBuilder(clientBuilder()).build()) {
            author.target().path("/warm").request().get().close();
            ims.revokeAll();

            long count = 0;
            boolean pattern = true;
            try (Response response = author.target().path("/testkit/bytes/" + SIZE).request().get()) {
                assertThat(response.getStatus()).isEqualTo(200);
                try (InputStream body = response.readEntity(InputStream.class)) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = body.read(buffer)) != -1) {
                        for (int i = 0; i < n; i++) {
                            pattern &= (buffer[i] & 0xFF) == (count + i) % 251;
                        }
                        count += n;
                    }
                }
            }

            assertThat(count).isEqualTo(SIZE);
            assertThat(pattern).as("every byte where the stand-in put it").isTrue();
            assertThat(aem.requests()).extracting(AemRequest::status).containsExactly(200, 401, 200);
        }
    }
}

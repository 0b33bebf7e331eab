package io.github.aemclient.bench;

import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds environments the way users do, against the testkit's IMS stand-in. */
final class StandIns {

    static final TestCredentials CREDENTIALS = TestCredentials.generate();

    private StandIns() {
    }

    static Path credentialsFile() {
        try {
            Path dir = Files.createTempDirectory("aem-bench");
            dir.toFile().deleteOnExit();
            Path file = CREDENTIALS.writeTo(dir.resolve("credentials.json"));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AemEnvironment.Builder environment(String name, String aemUrl, ImsStandIn ims) {
        return AemEnvironment.builder(name).url(aemUrl).credentialsFile(credentialsFile()).imsUrl(ims.url().toString());
    }
}

package io.github.aemclient.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.support.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path dir;

    @Test
    void warnsOnceAboutAFileOthersCanRead() throws Exception {
        Path open = Files.writeString(dir.resolve("open.json"), "{}");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Path closed = Files.writeString(dir.resolve("closed.json"), "{}");
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));

        try (CapturedLogs logs = CapturedLogs.capture()) {
            SecretFiles.readText(open, "test file");
            SecretFiles.readText(open, "test file");
            SecretFiles.readText(closed, "test file");

            assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                    .contains(open.toString()).contains("can be read by every user").contains("chmod 600");
        }
    }
}

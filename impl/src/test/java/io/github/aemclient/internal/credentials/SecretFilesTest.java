package io.github.aemclient.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.support.CapturedLogs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    /** /dev/zero reports size 0 and never ends: the size bound alone would read it until memory runs out. */
    @Test
    void aDeviceIsRefusedNamingIt() throws Exception {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        Path link = Files.createSymbolicLink(dir.resolve("credentials.json"), zero);

        for (Path file : new Path[] {zero, link}) {
            assertThatThrownBy(() -> SecretFiles.readText(file, "service credentials file"))
                    .isInstanceOfSatisfying(AemConfigurationException.class,
                            e -> assertThat(e.source()).isEqualTo(file.toString()))
                    .hasMessageContaining("The service credentials file " + file + " is not a regular file");
        }
    }

    /** Opening a named pipe blocks until something writes to it: it must be refused before it is opened. */
    @Test
    void aNamedPipeIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("token.fifo");
        assumeTrue(mkfifo(fifo), "mkfifo is not available");

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> SecretFiles.readText(fifo, "local development token file"))
                        .isInstanceOf(AemConfigurationException.class)
                        .hasMessageContaining("The local development token file " + fifo + " is not a regular file"));
    }

    /**
     * /proc/&lt;pid&gt;/cmdline is a regular file that reports size 0 whatever it holds: with 1.2 MB of
     * arguments it is a real file the size check cannot bound, as a file that grows after its size was
     * checked would be. Only the hard cap on what is read stops it.
     */
    @Test
    void aFileLargerThanItsReportedSizeIsReadNoFurtherThanTheBound() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc on this system");
        List<String> command = new ArrayList<>(List.of("sh", "-c", "read line", "sh"));
        for (int i = 0; i < 12; i++) {
            command.add("a".repeat(100_000));
        }
        Process process = new ProcessBuilder(command).start();
        try {
            Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
            awaitExec(cmdline);
            assumeTrue(Files.size(cmdline) == 0, "/proc reports sizes on this system");

            assertThatThrownBy(() -> SecretFiles.readText(cmdline, "service credentials file"))
                    .isInstanceOf(AemConfigurationException.class)
                    .hasMessageContaining("The service credentials file " + cmdline + " is larger than "
                            + SecretFiles.MAX_FILE_BYTES + " bytes");
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Process.start() may return before the child has become sh with its long arguments. */
    static void awaitExec(Path cmdline) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (InputStream in = Files.newInputStream(cmdline)) {
                if (in.readNBytes(200_000).length >= 200_000) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child process did not start: " + cmdline);
    }

    @Test
    void aFileOthersCanReadIsWarnedAboutAtItsFirstRead() throws Exception {
        Path open = Files.writeString(dir.resolve("first.json"), "{}");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));

        try (CapturedLogs logs = CapturedLogs.capture()) {
            SecretFiles.readText(open, "test file");

            assertThat(logs.messages(Level.WARNING)).singleElement().asString().contains(open.toString());
        }
    }

    @Test
    void aFileOfExactlyTheBoundIsRead() throws Exception {
        byte[] content = new byte[(int) SecretFiles.MAX_FILE_BYTES];
        java.util.Arrays.fill(content, (byte) 'x');
        Path largest = Files.write(dir.resolve("largest.json"), content);

        assertThat(SecretFiles.readText(largest, "service credentials file")).hasSize(content.length);
    }

    /**
     * A UTF-16 file is recognised by its byte-order mark, in either byte order, also when the mark is all it
     * holds (an empty file saved as UTF-16).
     */
    @Test
    void utf16InEitherByteOrderIsNamed() throws Exception {
        for (java.nio.charset.Charset utf16 : List.of(java.nio.charset.StandardCharsets.UTF_16LE,
                java.nio.charset.StandardCharsets.UTF_16BE)) {
            for (String text : List.of("\uFEFF{}", "\uFEFF")) {
                Path file = Files.write(dir.resolve(utf16.name() + text.length() + ".json"), text.getBytes(utf16));

                assertThatThrownBy(() -> SecretFiles.readText(file, "token file")).as(utf16.name() + " " + text.length())
                        .hasMessage("The token file " + file + " is UTF-16 encoded; save it as UTF-8");
            }
        }
    }

    @Test
    void aFileOverTheBoundIsRefusedBeforeItIsRead() throws Exception {
        Path big = Files.write(dir.resolve("big.json"), new byte[(int) SecretFiles.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> SecretFiles.readText(big, "service credentials file"))
                .hasMessageContaining("The service credentials file " + big + " is " + (SecretFiles.MAX_FILE_BYTES + 1)
                        + " bytes: too large");
    }

    static boolean mkfifo(Path path) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}

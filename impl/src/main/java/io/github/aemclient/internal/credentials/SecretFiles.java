package io.github.aemclient.internal.credentials;

import io.github.aemclient.AemConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads small files that hold secrets (service credentials, development tokens): bounded in size,
 * strictly UTF-8, with a warning when other users of the machine can read them.
 */
public final class SecretFiles {

    private static final System.Logger LOG = System.getLogger(SecretFiles.class.getName());

    /** Real credentials files are about 4 KiB; anything this large is the wrong file. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    /** Files re-read later (a development token) are warned about once, not at every read. */
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    private SecretFiles() {
    }

    /**
     * @param what how messages call the file, e.g. "service credentials file"
     */
    public static String readText(Path file, String what) {
        byte[] bytes = readBounded(file, what);
        warnIfReadableByOthers(file);
        return decodeUtf8(bytes, file.toString(), what);
    }

    /**
     * Reads a small text file; shared by every reader of user-supplied files. Devices and named pipes are
     * refused before they are opened (opening a pipe waits for a writer; /dev/zero never ends), and at most
     * {@link #MAX_FILE_BYTES} + 1 bytes are read whatever size the file reports: /proc files report 0, and a
     * file can grow between the size check and the read.
     */
    public static byte[] readBounded(Path file, String what) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new AemConfigurationException(file.toString(), "The " + what + " " + file
                        + " is a directory, not a file");
            }
            if (!attributes.isRegularFile()) {
                throw new AemConfigurationException(file.toString(), "The " + what + " " + file
                        + " is not a regular file (a device, a named pipe or a socket?): give the path of the file"
                        + " itself");
            }
            long size = attributes.size();
            if (size > MAX_FILE_BYTES) {
                throw new AemConfigurationException(file.toString(), "The " + what + " " + file + " is " + size
                        + " bytes: too large to be what is expected here (wrong file?)");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new AemConfigurationException(file.toString(), "The " + what + " " + file + " is larger than "
                        + MAX_FILE_BYTES + " bytes: too large to be what is expected here (wrong file?)");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new AemConfigurationException(file.toString(), "The " + what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new AemConfigurationException(file.toString(), "The " + what + " " + file + " cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** Strict UTF-8 decoding, so a file saved as UTF-16 or Latin-1 is named instead of half-parsed. */
    static String decodeUtf8(byte[] bytes, String source, String what) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new AemConfigurationException(source, "The " + what + " " + source
                    + " is UTF-16 encoded; save it as UTF-8");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            // Windows editors and some secret tools start UTF-8 files with a byte-order mark; it is not content
            // (a secret or token sent with it would be refused without a word about why).
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new AemConfigurationException(source, "The " + what + " " + source + " is not UTF-8 text");
        }
    }

    static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ) && WARNED.add(file.toAbsolutePath())) {
                LOG.log(Level.WARNING, "{0} holds secrets but can be read by every user of this machine;"
                        + " restrict it (chmod 600)", file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system (Windows): nothing to check.
        }
    }
}

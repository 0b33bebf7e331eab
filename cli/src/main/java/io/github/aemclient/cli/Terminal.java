package io.github.aemclient.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What a command reads besides its options: standard input and environment variables; and where it warns. */
final class Terminal {

    private final InputStream in;
    private final Function<String, String> environment;
    private final PrintWriter err;
    /** Present when a person types at a terminal: the password is then asked for, and not echoed. */
    private final Console console;

    Terminal(InputStream in, Function<String, String> environment, PrintWriter err, Console console) {
        this.in = in;
        this.environment = environment;
        this.err = err;
        this.console = console;
    }

    static Terminal system(PrintWriter err) {
        return new Terminal(System.in, System::getenv, err, System.console());
    }

    static Terminal of(InputStream in, Map<String, String> environment, PrintWriter err) {
        return new Terminal(in, environment::get, err, null);
    }

    /**
     * The first line of standard input without its line end; empty when there is none or it is empty.
     * Read strictly: only text (UTF-8, no control characters) is a password. A standard input that was
     * closed ({@code <&-}) can be a file the JVM itself opened, whose bytes must not be sent anywhere.
     */
    Optional<String> firstLineOfInput() {
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            return Optional.ofNullable(typed).map(String::new).filter(t -> !t.isEmpty());
        }
        byte[] line;
        try {
            line = readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("--password-stdin: standard input does not hold a password (it is not"
                    + " UTF-8 text)");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new IllegalArgumentException("--password-stdin: standard input does not hold a password (it has"
                    + " control characters)");
        }
        return Optional.of(text).filter(t -> !t.isEmpty());
    }

    /** Up to the first LF (a CR before it dropped), at most 64 KiB: a password, not a file. */
    private byte[] readLine() throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
            if (line.size() > 64 * 1024) {
                throw new IllegalArgumentException("--password-stdin: standard input does not hold a password (its"
                        + " first line is longer than 64 KiB)");
            }
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return java.util.Arrays.copyOf(bytes, length);
    }

    /** A non-empty environment variable. */
    Optional<String> environment(String name) {
        return Optional.ofNullable(environment.apply(name)).filter(value -> !value.isEmpty());
    }

    void warn(String message) {
        err.println("aem-token: warning: " + message);
        err.flush();
    }
}

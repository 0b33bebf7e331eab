package io.github.aemclient.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What a command reads besides its options: standard input and environment variables; and where it warns. */
final class Terminal {

    private final InputStream in;
    private final Function<String, String> environment;
    private final PrintWriter err;

    Terminal(InputStream in, Function<String, String> environment, PrintWriter err) {
        this.in = in;
        this.environment = environment;
        this.err = err;
    }

    static Terminal system(PrintWriter err) {
        return new Terminal(System.in, System::getenv, err);
    }

    static Terminal of(InputStream in, Map<String, String> environment, PrintWriter err) {
        return new Terminal(in, environment::get, err);
    }

    /** The first line of standard input without its line end; empty when there is none or it is empty. */
    Optional<String> firstLineOfInput() {
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return Optional.ofNullable(line).filter(l -> !l.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

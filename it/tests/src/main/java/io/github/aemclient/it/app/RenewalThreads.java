package io.github.aemclient.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Where the library obtains tokens: a handler on its logger (its DEBUG line "Access token for environment
 * ... obtained" is written by the thread that obtained the token) notes each such thread's name and whether it
 * runs with the application's component context, as the server's managed threads do and a thread
 * of the library's own would not. Installed at start-up, removed at shutdown (a handler left on a server-wide
 * logger would keep the application's class loader).
 */
@ApplicationScoped
public class RenewalThreads {

    /** A token obtained: by which thread, and whether {@code java:comp} was there. */
    public record Obtained(String environment, String thread, boolean componentContext) {
        @Override
        public String toString() {
            return environment + " on '" + thread + "'" + (componentContext ? "" : " (no java:comp)");
        }
    }

    private static final Logger LIBRARY = Logger.getLogger("io.github.aemclient");
    /** The DEBUG line of a token obtained, and the INFO line of one obtained after failed attempts. */
    private static final Pattern OBTAINED_LINE =
            Pattern.compile("environment '([^']*)' (obtained, valid until|renewed after)");
    private static final Formatter FORMATTER = new SimpleFormatter();
    private static final List<Obtained> OBTAINED = new CopyOnWriteArrayList<>();
    private static final Handler HANDLER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // formatted here: a server's own System.Logger bridge may have formatted it already, or not
            Matcher obtained = OBTAINED_LINE.matcher(String.valueOf(FORMATTER.formatMessage(record)));
            if (obtained.find()) {
                OBTAINED.add(new Obtained(obtained.group(1), Thread.currentThread().getName(), componentContext()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static Level previous;

    static boolean componentContext() {
        try {
            new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
            return true;
        } catch (NamingException | RuntimeException e) {
            return false;
        }
    }

    void install(@Observes @Initialized(ApplicationScoped.class) Object started) {
        previous = LIBRARY.getLevel();
        HANDLER.setLevel(Level.ALL);
        LIBRARY.setLevel(Level.FINE);
        LIBRARY.addHandler(HANDLER);
    }

    void remove(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        LIBRARY.removeHandler(HANDLER);
        LIBRARY.setLevel(previous);
    }

    /** {@return the tokens obtained so far for the environment} */
    public List<Obtained> of(String environment) {
        return OBTAINED.stream().filter(o -> o.environment().equals(environment)).toList();
    }
}

package io.github.aemclient.cdi;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Captures what the library logs (System.Logger goes to JUL here), formatted as a user would read it:
 * through MessageFormat when the record has parameters, as is otherwise. Like impl's test helper of the
 * same name, which this module cannot see.
 */
final class CapturedLogs implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.github.aemclient");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Level previousLevel;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLogs() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    static CapturedLogs capture() {
        return new CapturedLogs();
    }

    List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .map(CapturedLogs::format).collect(Collectors.toList());
    }

    private static String format(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters == null || parameters.length == 0 ? record.getMessage()
                : MessageFormat.format(record.getMessage(), parameters);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }
}

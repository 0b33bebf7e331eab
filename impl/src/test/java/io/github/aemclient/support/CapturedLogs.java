package io.github.aemclient.support;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Captures what the library logs (System.Logger goes to JUL here), formatted as a user would read it. */
public final class CapturedLogs implements AutoCloseable {

    private final Logger logger;
    private final List<String> excludedLoggers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Level previousLevel;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String name = record.getLoggerName() == null ? "" : record.getLoggerName();
            if (excludedLoggers.stream().noneMatch(name::startsWith)) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLogs(String loggerName, List<String> excludedLoggers) {
        logger = Logger.getLogger(loggerName);
        this.excludedLoggers = excludedLoggers;
        previousLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    public static CapturedLogs capture() {
        return new CapturedLogs("io.github.aemclient", List.of());
    }

    /**
     * Everything logged through JUL at any level — the library's dependencies and the JAX-RS client
     * included — except the loggers named (by prefix).
     */
    public static CapturedLogs captureEverythingExcept(String... excludedLoggerPrefixes) {
        return new CapturedLogs("", List.of(excludedLoggerPrefixes));
    }

    public List<String> messages() {
        return records.stream().map(CapturedLogs::format).collect(Collectors.toList());
    }

    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).map(CapturedLogs::format)
                .collect(Collectors.toList());
    }

    /** Everything logged, messages and thrown exceptions' messages, for secret scans. */
    public String all() {
        StringBuilder text = new StringBuilder();
        for (LogRecord record : records) {
            text.append(format(record)).append('\n');
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                text.append(t).append('\n');
            }
        }
        return text.toString();
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

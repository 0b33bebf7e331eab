package io.github.aemclient.internal.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as configured: ISO-8601 ({@code PT30S}), {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or seconds. */
final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private Durations() {
    }

    /** @throws IllegalArgumentException with a message that completes "property ..." */
    static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = SIMPLE.matcher(value);
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                switch (unit) {
                    case "ms":
                        return Duration.ofMillis(amount);
                    case "m":
                        return Duration.ofMinutes(amount);
                    case "h":
                        return Duration.ofHours(amount);
                    case "d":
                        return Duration.ofDays(amount);
                    default:
                        return Duration.ofSeconds(amount);
                }
            }
            return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("is not a duration: use e.g. 30s, 500ms, 5m or PT30S");
        }
    }
}

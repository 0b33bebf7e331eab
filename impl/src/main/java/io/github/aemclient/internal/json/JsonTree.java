package io.github.aemclient.internal.json;

import io.github.aemclient.AemConfigurationException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON object into plain Java values with the JSON-P streaming parser: {@code Map}s, {@code List}s,
 * {@code String}s, {@code Boolean}s, {@code null}, and numbers as {@code Long} (written without fraction or
 * exponent) or {@code Double}. The only class of the package that uses JSON-P, so that its absence can be
 * reported by {@link JsonFields} instead of failing as a {@code NoClassDefFoundError}.
 */
final class JsonTree {

    private JsonTree() {
    }

    /** @param text JSON text that starts with '{' (after whitespace) */
    static Map<String, Object> parseObject(String text) throws JsonSyntaxException {
        JsonParser parser = createParser(text);
        try (parser) {
            return read(parser, text);
        } catch (JsonParsingException e) {
            // Its message can quote the text: only the position is used.
            throw new JsonSyntaxException(describe(e.getLocation() == null ? -1 : e.getLocation().getStreamOffset(),
                    text));
        } catch (RuntimeException e) {
            // Other failures of the parser: a JsonException, or Parsson's nesting limit (a RuntimeException).
            throw new JsonSyntaxException("is not valid JSON");
        }
    }

    private static JsonParser createParser(String text) {
        try {
            return Json.createParser(new StringReader(text));
        } catch (JsonException e) {
            // Json finds no provider: the API is there, an implementation is not.
            throw new AemConfigurationException("classpath", "No JSON-P implementation is on the classpath; the"
                    + " library reads JSON (service credentials, development tokens, IMS answers) with it. In a"
                    + " plain Java application add one, e.g. org.eclipse.parsson:parsson (Jakarta EE servers"
                    + " provide one).", e);
        }
    }

    /** Iterative, so that no nesting depth exhausts the stack, whatever limit the JSON-P implementation has. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(JsonParser parser, String text) throws JsonSyntaxException {
        Deque<Object> open = new ArrayDeque<>();
        Object root = null;
        String name = null;
        while (parser.hasNext()) {
            JsonParser.Event event = parser.next();
            Object value;
            switch (event) {
                case KEY_NAME -> {
                    name = parser.getString();
                    continue;
                }
                case END_OBJECT, END_ARRAY -> {
                    open.pop();
                    continue;
                }
                case START_OBJECT -> value = new LinkedHashMap<String, Object>();
                case START_ARRAY -> value = new ArrayList<>();
                case VALUE_STRING -> value = parser.getString();
                case VALUE_NUMBER -> value = number(parser.getString());
                case VALUE_TRUE -> value = Boolean.TRUE;
                case VALUE_FALSE -> value = Boolean.FALSE;
                default -> value = null;
            }
            if (open.isEmpty()) {
                root = value;
            } else if (open.peek() instanceof Map<?, ?> object) {
                if (object.containsKey(name)) {
                    throw new JsonSyntaxException("is not valid JSON: a member name appears twice");
                }
                ((Map<String, Object>) object).put(name, value);
            } else {
                ((List<Object>) open.peek()).add(value);
            }
            if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                open.push(value);
            }
        }
        if (!(root instanceof Map)) {
            throw new JsonSyntaxException(describe(text.length(), text));
        }
        return (Map<String, Object>) root;
    }

    /** As numbers were read before JSON-P: with a fraction or an exponent a Double, else a Long or a BigInteger. */
    private static Object number(String digits) {
        if (digits.contains(".") || digits.contains("e") || digits.contains("E")) {
            return Double.valueOf(digits);
        }
        try {
            return Long.valueOf(digits);
        } catch (NumberFormatException e) {
            return new BigInteger(digits);
        }
    }

    /** Where the parser stopped: past the last character that is not white space means the text was cut short. */
    private static String describe(long position, String text) {
        if (position < 0) {
            return "is not valid JSON";
        }
        if (position >= text.stripTrailing().length()) {
            return "is not valid JSON: it ends too early (truncated?)";
        }
        return "is not valid JSON (error at character " + position + ")";
    }
}

package io.github.aemclient.internal.json;

import io.github.aemclient.AemConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, path-aware reads from one JSON object. Every failure names the field by its full path
 * ({@code integration.technicalAccount.clientId}) and never quotes its value.
 */
public final class JsonFields {

    private final Map<String, Object> fields;
    private final String path;

    private JsonFields(Map<String, Object> fields, String path) {
        this.fields = fields;
        this.path = path;
    }

    /** Parses a JSON object; duplicate member names are rejected. */
    public static JsonFields parse(String json) throws JsonSyntaxException {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        if (text.isBlank()) {
            throw new JsonSyntaxException("is empty");
        }
        if (!text.stripLeading().startsWith("{")) {
            throw new JsonSyntaxException("is not a JSON object (it does not start with '{')");
        }
        try {
            return new JsonFields(JsonTree.parseObject(text), "");
        } catch (NoClassDefFoundError e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("jakarta/json/")) {
                throw e;
            }
            throw new AemConfigurationException("classpath", "The JSON-P API (jakarta.json:jakarta.json-api) is not"
                    + " on the classpath; the library reads JSON (service credentials, development tokens, IMS"
                    + " answers) with it. In a plain Java application add it and an implementation, e.g."
                    + " org.eclipse.parsson:parsson (Jakarta EE servers provide both).", e);
        }
    }

    /** The path of a field of this object, for messages. */
    public String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public boolean has(String name) {
        return fields.get(name) != null;
    }

    public Optional<Object> raw(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public String requireString(String name) throws JsonFieldException {
        Object value = fields.get(name);
        if (value == null) {
            throw missing(name);
        }
        if (!(value instanceof String text)) {
            throw wrongType(name, "a string", value);
        }
        if (text.isBlank()) {
            throw new JsonFieldException(pathOf(name), "is empty");
        }
        return text;
    }

    public Optional<String> optionalString(String name) throws JsonFieldException {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw wrongType(name, "a string", value);
        }
        return Optional.of(text);
    }

    public JsonFields requireObject(String name) throws JsonFieldException {
        Object value = fields.get(name);
        if (value == null) {
            throw missing(name);
        }
        return asObject(name, value);
    }

    /** A whole number, written as a JSON number or as a string of digits (IMS writes both). */
    public long requireWholeNumber(String name) throws JsonFieldException {
        Object value = fields.get(name);
        if (value == null) {
            throw missing(name);
        }
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double number) {
            double d = number;
            if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                return (long) d;
            }
        }
        if (value instanceof String text) {
            String s = text.strip();
            if (s.matches("-?\\d{1,18}")) {
                return Long.parseLong(s);
            }
        }
        throw wrongType(name, "a whole number", value);
    }

    @SuppressWarnings("unchecked")
    private JsonFields asObject(String name, Object value) throws JsonFieldException {
        if (!(value instanceof Map)) {
            throw wrongType(name, "an object", value);
        }
        return new JsonFields((Map<String, Object>) value, pathOf(name));
    }

    public JsonFieldException missing(String name) {
        return new JsonFieldException(pathOf(name), "is missing");
    }

    public JsonFieldException invalid(String name, String problem) {
        return new JsonFieldException(pathOf(name), problem);
    }

    private JsonFieldException wrongType(String name, String expected, Object actual) {
        return new JsonFieldException(pathOf(name), "must be " + expected + " but is " + typeName(actual));
    }

    private static String typeName(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return "null";
    }
}

package io.github.aemclient.internal.filter;

import jakarta.ws.rs.core.Form;
import java.io.File;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Collection;
import java.util.Currency;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which request entities can be written a second time with the same bytes, so a request AEM rejected can
 * be replayed. Allowed: text, bytes, numbers, booleans, enums, dates and times, UUIDs, URIs, {@link Form},
 * files, JSON-P values, Jackson trees, and the application's own data classes (records and POJOs written
 * by JSON-B, Jackson, JAXB, ...) whose fields, looked into, hold only such values; also arrays,
 * collections, maps and {@link Optional}s of those. Everything else is refused — streams, readers,
 * {@code StreamingOutput}, multipart bodies ({@code EntityPart}, Jersey's and RESTEasy's multipart types),
 * data sources, iterators, lambdas, and any object holding one of them — because its first send may have
 * consumed it, and a replay would send a truncated or empty body where the caller meant the whole one.
 * Looking is bounded (depth and number of objects); past the bounds an entity is not replayed.
 */
final class RepeatableEntities {

    /** The JAX-RS implementations (and the servers that bundle them): packages, not application code. */
    static final List<String> JAX_RS_IMPLEMENTATIONS = List.of("org.glassfish.", "org.jboss.resteasy.",
            "org.apache.cxf.", "com.ibm.", "io.openliberty.");
    /** Platform and JAX-RS implementation packages: their types are allowed only when listed here. */
    private static final Set<String> NOT_APPLICATION_DATA = Stream.concat(
            Stream.of("java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun."), JAX_RS_IMPLEMENTATIONS.stream())
            .collect(Collectors.toUnmodifiableSet());
    /** What a data class may extend or implement from the platform. */
    private static final Set<Class<?>> DATA_SUPERTYPES = Set.of(Object.class, Record.class, Serializable.class,
            Comparable.class, Cloneable.class);
    /** Immutable (or, like {@code Date}, plainly valued) platform types that write the same every time. */
    private static final Set<Class<?>> VALUE_TYPES = Set.of(UUID.class, URI.class, Locale.class, Currency.class,
            Date.class, File.class, Form.class);
    /** Value types of optional libraries (JSON-P, Jackson), matched by name so neither is needed. */
    private static final Set<String> OPTIONAL_VALUE_TYPES = Set.of("jakarta.json.JsonValue",
            "com.fasterxml.jackson.databind.JsonNode");
    private static final int MAX_DEPTH = 16;
    private static final int MAX_OBJECTS = 10_000;

    private RepeatableEntities() {
    }

    static boolean isRepeatable(Object entity) {
        return new Look().isRepeatable(entity, 0);
    }

    /** One look at one entity: what was seen (cycles), and how much is left to look at. */
    private static final class Look {
        private final Map<Object, Boolean> seen = new IdentityHashMap<>();
        private int budget = MAX_OBJECTS;

        boolean isRepeatable(Object value, int depth) {
            if (value == null) {
                return true;
            }
            if (depth > MAX_DEPTH || --budget < 0) {
                return false;
            }
            if (isValue(value)) {
                return true;
            }
            if (seen.put(value, Boolean.TRUE) != null) {
                return true; // a cycle: the object is being looked at already
            }
            if (value instanceof Optional<?> optional) {
                return isRepeatable(optional.orElse(null), depth + 1);
            }
            if (value instanceof Collection<?> collection) {
                if (!isPlatformOrData(value.getClass())) {
                    return false;
                }
                for (Object element : collection) {
                    if (!isRepeatable(element, depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            if (value instanceof Map<?, ?> map) {
                if (!isPlatformOrData(value.getClass())) {
                    return false;
                }
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!isRepeatable(entry.getKey(), depth + 1) || !isRepeatable(entry.getValue(), depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            if (value.getClass().isArray()) {
                int length = Array.getLength(value);
                for (int i = 0; i < length; i++) {
                    if (!isRepeatable(Array.get(value, i), depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            return isApplicationData(value.getClass()) && fieldsAreRepeatable(value, depth);
        }

        /** Every instance field of the application's classes in the object's hierarchy, looked into. */
        private boolean fieldsAreRepeatable(Object value, int depth) {
            for (Class<?> c = value.getClass(); c != null && fromApplication(c); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                        continue;
                    }
                    Object fieldValue;
                    try {
                        field.setAccessible(true);
                        fieldValue = field.get(value);
                    } catch (RuntimeException | IllegalAccessException e) {
                        return false; // cannot look inside (a module that does not open it): do not guess
                    }
                    if (!isRepeatable(fieldValue, depth + 1)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private static boolean isValue(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Enum || value instanceof byte[]
                || value instanceof char[] || value instanceof TemporalAccessor || value instanceof TemporalAmount
                || value instanceof ZoneId || VALUE_TYPES.contains(value.getClass())
                || hasSupertypeNamed(value.getClass(), OPTIONAL_VALUE_TYPES);
    }

    /** A JDK collection or map (whose elements are then looked at), or one of the application's own. */
    private static boolean isPlatformOrData(Class<?> type) {
        return type.getName().startsWith("java.util.") || isApplicationData(type);
    }

    /**
     * The application's own class, holding data: not a lambda, and every supertype is either the
     * application's too or one of the few platform types a data class extends or implements. A class that
     * is also a {@code StreamingOutput}, a {@code Supplier}, an {@code Iterable} or anything closeable is not
     * data: what it writes may change or run out.
     */
    private static boolean isApplicationData(Class<?> type) {
        if (type.isHidden() || type.isSynthetic() || type.isAnonymousClass() || !fromApplication(type)) {
            return false;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (!fromApplication(c) && !DATA_SUPERTYPES.contains(c)) {
                return false;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (!isDataInterface(i)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isDataInterface(Class<?> type) {
        if (!fromApplication(type)) {
            return DATA_SUPERTYPES.contains(type);
        }
        for (Class<?> parent : type.getInterfaces()) {
            if (!isDataInterface(parent)) {
                return false;
            }
        }
        return true;
    }

    private static boolean fromApplication(Class<?> type) {
        String name = type.getName();
        for (String prefix : NOT_APPLICATION_DATA) {
            if (name.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasSupertypeNamed(Class<?> type, Set<String> names) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (names.contains(c.getName())) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (hasSupertypeNamed(i, names)) {
                    return true;
                }
            }
        }
        return false;
    }
}

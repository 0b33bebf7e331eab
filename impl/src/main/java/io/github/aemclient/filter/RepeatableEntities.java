package io.github.aemclient.filter;

import jakarta.ws.rs.core.Form;
import java.io.File;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Which request entities can be written a second time with the same bytes, so a request AEM rejected can
 * be replayed. Allowed: text, bytes, numbers, booleans, enums, {@link Form}, files, JSON-P values, the
 * application's own data classes (records and POJOs written by JSON-B, Jackson, JAXB, ...), and arrays,
 * collections and maps holding only those. Everything else is refused — streams, readers,
 * {@code StreamingOutput}, multipart bodies ({@code EntityPart}, Jersey's and RESTEasy's multipart types,
 * which hide streams), data sources, iterators — because its first send may have consumed it, and a
 * replay would send a truncated or empty body where the caller meant the whole one.
 */
final class RepeatableEntities {

    /** Platform and JAX-RS implementation packages: their types are allowed only when listed above. */
    private static final Set<String> NOT_APPLICATION_DATA = Set.of("java.", "javax.", "jakarta.", "jdk.", "sun.",
            "com.sun.", "org.glassfish.", "org.jboss.resteasy.", "org.apache.cxf.", "com.ibm.", "io.openliberty.");
    /** What a data class may extend or implement from the platform. */
    private static final Set<Class<?>> DATA_SUPERTYPES = Set.of(Object.class, Record.class, Serializable.class,
            Comparable.class, Cloneable.class);
    /** How deep nested arrays, collections and maps are looked into before giving up (and not replaying). */
    private static final int MAX_DEPTH = 8;

    private RepeatableEntities() {
    }

    static boolean isRepeatable(Object entity) {
        return isRepeatable(entity, 0);
    }

    private static boolean isRepeatable(Object entity, int depth) {
        if (entity == null) {
            return true;
        }
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (entity instanceof CharSequence || entity instanceof Number || entity instanceof Boolean
                || entity instanceof Character || entity instanceof Enum || entity instanceof byte[]
                || entity instanceof char[] || entity instanceof File || entity instanceof Form
                || isJsonValue(entity.getClass())) {
            return true;
        }
        if (entity instanceof Collection<?> collection) {
            return collection.stream().allMatch(element -> isRepeatable(element, depth + 1));
        }
        if (entity instanceof Map<?, ?> map) {
            return map.entrySet().stream().allMatch(
                    e -> isRepeatable(e.getKey(), depth + 1) && isRepeatable(e.getValue(), depth + 1));
        }
        if (entity.getClass().isArray()) {
            int length = Array.getLength(entity);
            for (int i = 0; i < length; i++) {
                if (!isRepeatable(Array.get(entity, i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return isApplicationData(entity.getClass());
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

    /** JSON-P values, matched by name: the JSON-P API is optional outside a Jakarta EE server. */
    private static boolean isJsonValue(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (isJsonValueInterface(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isJsonValueInterface(Class<?> type) {
        if (type.getName().equals("jakarta.json.JsonValue")) {
            return true;
        }
        for (Class<?> parent : type.getInterfaces()) {
            if (isJsonValueInterface(parent)) {
                return true;
            }
        }
        return false;
    }
}

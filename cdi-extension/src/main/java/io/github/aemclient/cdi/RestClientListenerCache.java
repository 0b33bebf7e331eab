package io.github.aemclient.cdi;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;

/**
 * Lets an undeployed application's class loader go. RESTEasy's MicroProfile Rest Client (WildFly, Open
 * Liberty) keeps the {@code RestClientListener}s it found for each application in a static
 * {@code WeakHashMap} keyed by the application's class loader; the value holds this library's listener,
 * whose class that same loader defined, so the key stays reachable and the entry is never cleared: every
 * redeploy would keep the old application's classes (Metaspace). At shutdown the entries holding this
 * library's listener are removed; RESTEasy finds the listeners again if it is asked later.
 *
 * <p>Reflection on RESTEasy's private field, since RESTEasy offers no way to clear it. Another Rest Client
 * implementation is left alone (logged at DEBUG); a RESTEasy whose cache cannot be cleared is a WARNING.
 */
final class RestClientListenerCache {

    static final String RESTEASY_LISTENERS = "org.jboss.resteasy.microprofile.client.RestClientListeners";
    private static final String RESOLVER = "org.eclipse.microprofile.rest.client.spi.RestClientBuilderResolver";
    private static final Logger LOG = System.getLogger(RestClientListenerCache.class.getName());

    private RestClientListenerCache() {
    }

    /**
     * Removes the cache entries that hold a listener of {@code listenerClass}.
     *
     * @param application the application's class loader, from which Rest Client is reached
     * @param listenerClass this library's listener class, as the application loaded it
     * @return how many entries were removed
     */
    static int release(ClassLoader application, Class<?> listenerClass) {
        try {
            Class<?> cache = resteasyListeners(application);
            if (cache == null) {
                return 0;
            }
            return release(cache, listenerClass);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notReached) {
            // Not RESTEasy's Rest Client: none of its cache to clear.
            LOG.log(Level.DEBUG, () -> "No RESTEasy Rest Client listener cache to clear: " + notReached);
            return 0;
        }
    }

    private static int release(Class<?> cache, Class<?> listenerClass) {
        try {
            Field field = cache.getDeclaredField("map");
            field.setAccessible(true);
            if (!(field.get(null) instanceof Map<?, ?> map)) {
                throw new NoSuchFieldException("map is not a Map");
            }
            int before = map.size();
            // A synchronizedMap: its entry set's removeIf holds the map's lock.
            map.entrySet().removeIf(entry -> holds(entry.getValue(), listenerClass));
            int removed = before - map.size();
            LOG.log(Level.DEBUG, () -> "Removed " + removed + " entries holding " + listenerClass.getName()
                    + " from RESTEasy's Rest Client listener cache");
            return removed;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // RESTEasy changed: say so once per undeployment, the leak is back.
            LOG.log(Level.WARNING, () -> "Could not clear RESTEasy's Rest Client listener cache ("
                    + RESTEASY_LISTENERS + ".map): the application's class loader may be kept after it is"
                    + " undeployed. Cause: " + e);
            return 0;
        }
    }

    /** RESTEasy's cache class: visible to the application (WildFly) or to Rest Client's own loader (Liberty). */
    private static Class<?> resteasyListeners(ClassLoader application) throws ReflectiveOperationException {
        try {
            return Class.forName(RESTEASY_LISTENERS, false, application);
        } catch (ClassNotFoundException notVisible) {
            Class<?> resolver = Class.forName(RESOLVER, false, application);
            Object implementation = resolver.getMethod("instance").invoke(null);
            try {
                return Class.forName(RESTEASY_LISTENERS, false, implementation.getClass().getClassLoader());
            } catch (ClassNotFoundException notResteasy) {
                return null;
            }
        }
    }

    private static boolean holds(Object listeners, Class<?> listenerClass) {
        return listeners instanceof Collection<?> collection
                && collection.stream().anyMatch(listener -> listener != null && listener.getClass() == listenerClass);
    }
}

package io.github.aemclient.it.app;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A list shared by every deployment on one server, held by the JDK (a system property's value: deployments
 * share no class of their own), of weak references to the class loaders of applications that started. It holds
 * only JDK types, so it keeps no application's classes alive.
 */
public final class DeploymentRegistry {

    static final String KEY = "io.github.aemclient.it.deployed-class-loaders";

    private DeploymentRegistry() {
    }

    /** Notes that the application whose class loader loaded {@code type} started. */
    public static void register(Class<?> type) {
        shared().add(new WeakReference<>(type.getClassLoader()));
    }

    /** {@return the class loaders noted so far, collected or not} */
    @SuppressWarnings("unchecked")
    static List<WeakReference<ClassLoader>> shared() {
        return (List<WeakReference<ClassLoader>>) System.getProperties().computeIfAbsent(KEY,
                key -> new CopyOnWriteArrayList<WeakReference<ClassLoader>>());
    }

    /** Forgets every class loader noted (the system property is removed). */
    static void clear() {
        System.getProperties().remove(KEY);
    }
}

package io.github.aemclient.internal.network;

import jakarta.ws.rs.client.ClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Gives RESTEasy's Apache engine the proxy's credentials ({@link ResteasyProxyCredentials}) where the application
 * sees RESTEasy but not the Apache HttpClient its engine is made of, as on WildFly: HttpClient is in a private
 * module there, and a jar that asks for it (a {@code Dependencies} manifest entry) has WildFly log a warning,
 * WFLYSRV0018, at every deployment. There, {@code ResteasyProxyCredentials} is defined once more, by a loader that
 * takes the library's own classes from the library and everything else from RESTEasy's class loader, which sees
 * HttpClient. Where the application sees RESTEasy's HttpClient itself (plain Java with {@code resteasy-client}),
 * it is used as it is.
 */
final class ResteasyEngineBridge {

    static final String CREDENTIALS = ResteasyEngineBridge.class.getPackageName() + ".ResteasyProxyCredentials";
    /** A class of HttpClient's that the engine needs: whether the library sees RESTEasy's decides the way. */
    static final String HTTP_CLIENT = "org.apache.http.impl.client.HttpClientBuilder";

    private ResteasyEngineBridge() {
    }

    /**
     * As {@link ProxyCredentials#applyTo}: null when given, else why not. Directly only where the library's
     * HttpClient is RESTEasy's own: a WAR that bundles its own copy (WildFly keeps RESTEasy's in a module) would
     * otherwise link the engine against two HttpClients and fail with a loader constraint violation.
     */
    static String applyTo(ClientBuilder builder, ProxySettings proxy) {
        ClassLoader library = ResteasyEngineBridge.class.getClassLoader();
        return sameHttpClient(library, builder.getClass().getClassLoader())
                ? ResteasyProxyCredentials.applyTo(builder, proxy)
                : throughRestEasysLoader(builder, proxy, library);
    }

    /** Whether both loaders see one and the same HttpClient (neither seeing one counts as not). */
    static boolean sameHttpClient(ClassLoader library, ClassLoader resteasy) {
        Class<?> mine = seen(library);
        return mine != null && mine == seen(resteasy);
    }

    /** The bridged way, whatever the library sees (tests use it where the library sees HttpClient too). */
    static String throughRestEasysLoader(ClientBuilder builder, ProxySettings proxy, ClassLoader library) {
        try {
            Method apply = bridged(library, builder.getClass().getClassLoader()).getDeclaredMethod("applyTo", ClientBuilder.class, ProxySettings.class);
            apply.setAccessible(true);
            return (String) apply.invoke(null, builder, proxy);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof LinkageError linkage) {
                throw linkage;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException | SecurityException e) {
            // A class HttpClient or RESTEasy lacks (another version, a server's fork), or a security manager that
            // forbids a class loader: reported as out of reach, like a class that does not link.
            NoClassDefFoundError outOfReach = new NoClassDefFoundError(e.toString());
            outOfReach.initCause(e);
            throw outOfReach;
        }
    }

    /** {@code ResteasyProxyCredentials} as a loader of its own defines it, linked to HttpClient through RESTEasy's. */
    static Class<?> bridged(ClassLoader library, ClassLoader resteasy) throws ClassNotFoundException {
        return Class.forName(CREDENTIALS, true, new Bridge(library, resteasy));
    }

    private static Class<?> seen(ClassLoader loader) {
        try {
            return Class.forName(HTTP_CLIENT, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /**
     * Defines {@code ResteasyProxyCredentials} and its nested classes from the library's bytes, resolves the rest of
     * the library from the library's loader and everything else from RESTEasy's. A new one for each client built:
     * clients are built once per environment, and its classes can be unloaded as soon as the engine is built.
     */
    static final class Bridge extends ClassLoader {

        static {
            registerAsParallelCapable();
        }

        private final ClassLoader library;

        Bridge(ClassLoader library, ClassLoader resteasy) {
            super("aem-client-resteasy-engine", resteasy);
            this.library = library;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    if (name.equals(CREDENTIALS) || name.startsWith(CREDENTIALS + "$")) {
                        loaded = defineFromLibrary(name);
                    } else if (name.startsWith("io.github.aemclient.")) {
                        loaded = library.loadClass(name);
                    } else {
                        loaded = getParent().loadClass(name);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        private Class<?> defineFromLibrary(String name) throws ClassNotFoundException {
            try (InputStream bytes = library.getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (bytes == null) {
                    throw new ClassNotFoundException(name + " (not in the library's jar)");
                }
                byte[] code = bytes.readAllBytes();
                return defineClass(name, code, 0, code.length, ResteasyEngineBridge.class.getProtectionDomain());
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}

package io.github.aemclient.cdi;

import io.github.aemclient.internal.config.EnvironmentAuthentication;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Runs each background token renewal on a new thread of the server's default managed thread factory (Jakarta
 * Concurrency), so that it has the application's component context; falls back to a daemon thread where there is
 * none. The factory is looked up for each renewal, on the thread that asks for it — a request thread, where
 * {@code java:comp} is available — not at deployment.
 *
 * <p>Not the server's managed <em>executor</em>: a pool thread that a renewal's submission creates keeps, on Java
 * before 24, the access control context of its creator (every protection domain on the stack, the library's
 * among them), and through it the application's class loader for as long as the pool keeps the thread: Payara
 * Server's default executor kept one undeployed application this way (RedeployIT). A thread of its own ends with
 * its renewal, and renewals are far apart, so a pool saves nothing.
 *
 * <p>Looked up per renewal rather than once: a factory may capture context when it is looked up (Open Liberty
 * does, as the specification allows), and the context of one request — its caller's identity among it — must not
 * stay with every later renewal. Only when the lookup fails (a thread without {@code java:comp}, such as a
 * server's health probe) is the factory found last used.
 */
final class RenewalExecutor implements Executor {

    static final String DEFAULT_MANAGED_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";

    private final Executor fallback;
    private volatile ThreadFactory lastFound;

    RenewalExecutor(String environment) {
        this.fallback = EnvironmentAuthentication.daemonThreadPerTask(environment);
    }

    @Override
    public void execute(Runnable task) {
        ThreadFactory factory = lookUp();
        if (factory == null) {
            factory = lastFound;
        } else {
            lastFound = factory;
        }
        if (factory == null) {
            fallback.execute(task);
            return;
        }
        // A factory that has stopped (the application is being undeployed) throws IllegalStateException: the
        // caller counts it as a failed renewal, as it does a thread that cannot start. A thread that was made but
        // could not start (no native threads left) may stay on the server's list of the factory's threads.
        Thread thread = factory.newThread(task);
        if (thread == null) {
            throw new RejectedExecutionException("The server's managed thread factory gave no thread for a token "
                    + "renewal (the application may be stopping)");
        }
        thread.start();
    }

    private static ThreadFactory lookUp() {
        try {
            return new InitialContext().lookup(DEFAULT_MANAGED_THREAD_FACTORY) instanceof ThreadFactory factory
                    ? factory : null;
        } catch (NamingException | RuntimeException | LinkageError e) {
            // Not in a Jakarta EE component context (Weld SE, a plain servlet container, a server's own thread).
            return null;
        }
    }
}

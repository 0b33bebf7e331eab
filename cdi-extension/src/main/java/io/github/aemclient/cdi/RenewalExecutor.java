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
 * none. Looked up when a renewal is due — from a request thread, where {@code java:comp} is available — not at
 * deployment.
 *
 * <p>Not the server's managed <em>executor</em>: a pool thread that a renewal's submission creates keeps, on Java
 * before 24, the access control context of its creator (every protection domain on the stack, the library's
 * among them), and through it the application's class loader for as long as the pool keeps the thread: Payara
 * Server's default executor kept one undeployed application this way (RedeployIT). A thread of its own ends with
 * its renewal, and renewals are far apart, so a pool saves nothing.
 */
final class RenewalExecutor implements Executor {

    static final String DEFAULT_MANAGED_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";

    private final Executor fallback;
    private volatile ThreadFactory managed;

    RenewalExecutor(String environment) {
        this.fallback = EnvironmentAuthentication.daemonThreadPerTask(environment);
    }

    @Override
    public void execute(Runnable task) {
        ThreadFactory factory = managed;
        if (factory == null) {
            factory = lookUp();
        }
        if (factory == null) {
            fallback.execute(task);
            return;
        }
        Thread thread = factory.newThread(task);
        if (thread == null) {
            throw new RejectedExecutionException("The server's managed thread factory gave no thread for a token "
                    + "renewal (the application may be stopping)");
        }
        thread.start();
    }

    private ThreadFactory lookUp() {
        try {
            Object found = new InitialContext().lookup(DEFAULT_MANAGED_THREAD_FACTORY);
            if (found instanceof ThreadFactory factory) {
                managed = factory;
                return factory;
            }
        } catch (NamingException | RuntimeException | LinkageError e) {
            // Not in a Jakarta EE component context (Weld SE, a plain servlet container): use a thread.
        }
        return null;
    }
}

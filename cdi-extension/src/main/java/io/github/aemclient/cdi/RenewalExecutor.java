package io.github.aemclient.cdi;

import io.github.aemclient.internal.config.EnvironmentAuthentication;
import java.util.concurrent.Executor;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Runs background token renewals on the server's default managed executor (Jakarta Concurrency), as a
 * Jakarta EE application should; falls back to a daemon thread where there is none. Looked up when a
 * renewal is due — from a request thread, where {@code java:comp} is available — not at deployment.
 */
final class RenewalExecutor implements Executor {

    static final String DEFAULT_MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";

    private final Executor fallback;
    private volatile Executor managed;

    RenewalExecutor(String environment) {
        this.fallback = EnvironmentAuthentication.daemonThreadPerTask(environment);
    }

    @Override
    public void execute(Runnable task) {
        Executor executor = managed;
        if (executor == null) {
            executor = lookUp();
        }
        executor.execute(task);
    }

    private Executor lookUp() {
        try {
            Object found = new InitialContext().lookup(DEFAULT_MANAGED_EXECUTOR);
            if (found instanceof Executor executor) {
                managed = executor;
                return managed;
            }
        } catch (NamingException | RuntimeException | LinkageError e) {
            // Not in a Jakarta EE component context (Weld SE, a plain servlet container): use a thread.
        }
        return fallback;
    }
}

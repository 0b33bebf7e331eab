package io.github.aemclient.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import javax.naming.spi.InitialContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where background renewals run: on a new thread of the server's default managed thread factory when JNDI has
 * one, never on a pool of the server's (whose threads would keep the application's class loader after it is
 * undeployed), and on a daemon thread of the library's where there is no Jakarta Concurrency.
 */
class RenewalExecutorTest {

    /** What {@code java:comp/DefaultManagedThreadFactory} answers in the current test; null: not bound. */
    static final AtomicReference<Object> BOUND = new AtomicReference<>();
    static final AtomicInteger LOOKUPS = new AtomicInteger();

    /** An initial context with one name bound, as a server's {@code java:comp} would have it. */
    public static final class ServerNaming implements InitialContextFactory {
        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("lookup")
                                && RenewalExecutor.DEFAULT_MANAGED_THREAD_FACTORY.equals(String.valueOf(args[0]))) {
                            LOOKUPS.incrementAndGet();
                            Object bound = BOUND.get();
                            if (bound == null) {
                                throw new NameNotFoundException(String.valueOf(args[0]));
                            }
                            return bound;
                        }
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        throw new OperationNotSupportedException(method.getName());
                    });
        }
    }

    private final String previousFactory = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);

    RenewalExecutorTest() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, ServerNaming.class.getName());
    }

    @AfterEach
    void restoreNaming() {
        if (previousFactory == null) {
            System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        } else {
            System.setProperty(Context.INITIAL_CONTEXT_FACTORY, previousFactory);
        }
        BOUND.set(null);
    }

    @Test
    void eachRenewalRunsOnANewThreadOfTheManagedThreadFactoryLookedUpForIt() throws Exception {
        RenewalExecutor executor = new RenewalExecutor("author");
        List<Thread> made = new CopyOnWriteArrayList<>();
        // bound after the executor was made: looked up when a renewal is due, not before
        BOUND.set(factoryNoting(made, "managed-"));
        LOOKUPS.set(0);
        List<String> ranOn = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);

        executor.execute(() -> {
            ranOn.add(Thread.currentThread().getName());
            done.countDown();
        });
        executor.execute(() -> {
            ranOn.add(Thread.currentThread().getName());
            done.countDown();
        });

        // 5 s, under PIT's time limit: a task that never runs fails the test instead of timing out
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ranOn).containsExactlyInAnyOrder("managed-0", "managed-1");
        assertThat(made).hasSize(2);
        for (Thread thread : made) {
            thread.join(10_000);
            assertThat(thread.isAlive()).as("a renewal's thread ends with it").isFalse();
        }
        assertThat(LOOKUPS).as("one JNDI lookup per renewal: a factory may hold the context of its lookup")
                .hasValue(2);
    }

    @Test
    void aFactoryFoundAgainReplacesTheOneBefore() throws Exception {
        RenewalExecutor executor = new RenewalExecutor("author");
        BOUND.set(factoryNoting(new CopyOnWriteArrayList<>(), "first-"));
        assertThat(threadThatRan(executor).getName()).isEqualTo("first-0");

        BOUND.set(factoryNoting(new CopyOnWriteArrayList<>(), "second-"));

        assertThat(threadThatRan(executor).getName()).isEqualTo("second-0");
    }

    @Test
    void whereTheLookupFailsLaterTheFactoryFoundLastIsUsed() throws Exception {
        RenewalExecutor executor = new RenewalExecutor("author");
        BOUND.set(factoryNoting(new CopyOnWriteArrayList<>(), "managed-"));
        threadThatRan(executor);

        BOUND.set(null);

        assertThat(threadThatRan(executor).getName()).isEqualTo("managed-1");
    }

    @Test
    void aLookupThatFailedIsTriedAgainAtTheNextRenewal() throws Exception {
        RenewalExecutor executor = new RenewalExecutor("author");
        assertThat(threadThatRan(executor).getName()).isEqualTo("aem-token-renewal-author");

        BOUND.set(factoryNoting(new CopyOnWriteArrayList<>(), "managed-"));

        assertThat(threadThatRan(executor).getName()).isEqualTo("managed-0");
    }

    @Test
    void aStoppedFactorysRefusalReachesTheCaller() {
        // what Payara's and WildFly's factories do once the application stops: the caller counts a failed renewal
        BOUND.set((ThreadFactory) task -> {
            throw new IllegalStateException("ManagedThreadFactory is stopped");
        });
        RenewalExecutor executor = new RenewalExecutor("author");

        assertThatThrownBy(() -> executor.execute(() -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("ManagedThreadFactory is stopped");
    }

    @Test
    void aFactoryThatGivesNoThreadRefusesTheRenewal() {
        BOUND.set((ThreadFactory) task -> null);
        RenewalExecutor executor = new RenewalExecutor("author");

        assertThatThrownBy(() -> executor.execute(() -> { }))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("managed thread factory gave no thread");
    }

    @Test
    void withoutJakartaConcurrencyARenewalRunsOnADaemonThreadOfTheLibrarys() throws Exception {
        Thread ranOn = threadThatRan(new RenewalExecutor("author"));

        assertThat(ranOn.getName()).isEqualTo("aem-token-renewal-author");
        assertThat(ranOn.isDaemon()).isTrue();
    }

    @Test
    void somethingElseBoundUnderTheNameIsNotUsed() throws Exception {
        BOUND.set("not a thread factory");

        Thread ranOn = threadThatRan(new RenewalExecutor("author"));

        assertThat(ranOn.getName()).isEqualTo("aem-token-renewal-author");
        assertThat(new InitialContext().lookup(RenewalExecutor.DEFAULT_MANAGED_THREAD_FACTORY))
                .isEqualTo("not a thread factory");
    }

    private static ThreadFactory factoryNoting(List<Thread> made, String prefix) {
        return task -> {
            Thread thread = new Thread(task, prefix + made.size());
            made.add(thread);
            return thread;
        };
    }

    private static Thread threadThatRan(RenewalExecutor executor) throws InterruptedException {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        executor.execute(() -> {
            ranOn.set(Thread.currentThread());
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).as("the renewal ran").isTrue();
        return ranOn.get();
    }
}

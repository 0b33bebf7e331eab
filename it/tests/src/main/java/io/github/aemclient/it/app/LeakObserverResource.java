package io.github.aemclient.it.app;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * What undeployed applications left behind, seen from a long-lived application of the same server: the class
 * loaders of those that started ({@link DeploymentRegistry}) still alive after garbage collection, and the
 * threads that remain of the library (named {@code aem-*}) or that run with one of those class loaders as
 * their context class loader.
 */
@Path("leaks")
public class LeakObserverResource {

    private static final Map<String, CyclicBarrier> ROUNDS = new ConcurrentHashMap<>();

    /**
     * Collects garbage until every noted class loader is gone or {@code seconds} have passed, then reports:
     * {@code noted <n>}, {@code alive <n>}, and a {@code thread <name> <state> <why>} line for each thread left.
     */
    @GET
    public String report(@QueryParam("seconds") int seconds, @QueryParam("dump") String dumpTo)
            throws InterruptedException, JMException {
        List<WeakReference<ClassLoader>> noted = DeploymentRegistry.shared();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        // Counted, never held, while collecting: a list of them here would keep them alive.
        while (countAlive(noted) > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(250);
        }
        String report = describe(noted);
        if (countAlive(noted) > 0 && dumpTo != null && !dumpTo.isBlank()) {
            // What holds them is only in the heap: the test reports the file for a heap analyser. Through the
            // MBean server: com.sun.management is not visible to applications on every server.
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=HotSpotDiagnostic"),
                    "dumpHeap", new Object[] {dumpTo, true}, new String[] {String.class.getName(), "boolean"});
            report += "heap dump " + dumpTo + "\n";
        }
        return report;
    }

    /** The report's lines; the class loaders it looks at are held only while it runs. */
    private static String describe(List<WeakReference<ClassLoader>> noted) {
        List<ClassLoader> alive = alive(noted);
        StringBuilder report = new StringBuilder();
        report.append("noted ").append(noted.size()).append('\n');
        report.append("alive ").append(alive.size()).append('\n');
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String why = thread.getName().startsWith("aem-") ? "library's name"
                    : alive.contains(thread.getContextClassLoader()) ? "context class loader of an undeployed application"
                    : null;
            if (why != null) {
                report.append("thread '").append(thread.getName()).append("' ").append(thread.getState()).append(' ')
                        .append(why).append('\n');
            }
        }
        for (ClassLoader loader : alive) {
            report.append("loader ").append(loader).append('\n');
        }
        return report.toString();
    }

    /**
     * Waits (at most 3 s) until {@code parties} requests of one {@code round} are here together, so that as many
     * of the server's request threads as there are parties run a task of this application: an idle pool thread
     * can keep its last task, and through it the application it served, in a local variable of its stack.
     */
    @GET
    @Path("occupy")
    public String occupy(@QueryParam("round") String round, @QueryParam("parties") int parties)
            throws InterruptedException {
        CyclicBarrier barrier = ROUNDS.computeIfAbsent(round, name -> new CyclicBarrier(parties));
        try {
            barrier.await(3, TimeUnit.SECONDS);
            return "together";
        } catch (BrokenBarrierException | TimeoutException e) {
            return "alone";
        }
    }

    /** Forgets the class loaders noted so far. */
    @DELETE
    public void clear() {
        DeploymentRegistry.clear();
    }

    private static int countAlive(List<WeakReference<ClassLoader>> noted) {
        int alive = 0;
        for (WeakReference<ClassLoader> reference : noted) {
            if (reference.get() != null) {
                alive++;
            }
        }
        return alive;
    }

    private static List<ClassLoader> alive(List<WeakReference<ClassLoader>> noted) {
        List<ClassLoader> alive = new ArrayList<>();
        for (WeakReference<ClassLoader> reference : noted) {
            ClassLoader loader = reference.get();
            if (loader != null) {
                alive.add(loader);
            }
        }
        return alive;
    }
}

package io.github.aemclient.pitsupport;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Makes PIT's listing of a module's tests cheap, without changing what any mutant is tested with.
 *
 * <p>A JUnit 5 engine only names its tests (parameterised invocations included) by running them, so PIT's JUnit 5
 * plugin runs every test class that covers a class before it can test that class's mutants, and again in each
 * fresh JVM after a mutant times out. PIT throws those results away: on impl that was the whole suite, about a
 * minute, some ninety times. While PIT lists tests, this interceptor reports each test method, with its
 * {@code @BeforeEach} and {@code @AfterEach} methods, as run without running them; the tests a mutant is then
 * checked with run in full. {@code @BeforeAll} and {@code @AfterAll} methods still run (once per class): a
 * parameterised test's arguments may be made from what they set up, and its invocations are named from those.
 *
 * <p>Active only where {@code junit.jupiter.extensions.autodetection.enabled=true}, which the parent POM sets for
 * PIT's JVMs alone, and only beneath PIT's {@value #LISTING_CLASS}.{@value #LISTING_METHOD} on the thread that runs
 * the test: anywhere else (surefire, PIT's coverage run, a test run on a thread of its own) every call proceeds.
 * If PIT renames that method, nothing is skipped and the run is only slower; {@code SkipTestBodiesWhilePitListsTestsTest} fails
 * first.
 */
public final class SkipTestBodiesWhilePitListsTests implements InvocationInterceptor {

    static final String LISTING_CLASS = "org.pitest.mutationtest.execute.MutationTestMinion";
    static final String LISTING_METHOD = "findTestsForTestClasses";

    static boolean pitIsListingTests() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame ->
                frame.getClassName().equals(LISTING_CLASS) && frame.getMethodName().equals(LISTING_METHOD)));
    }

    private static void skipWhileListing(Invocation<Void> invocation) throws Throwable {
        if (pitIsListingTests()) {
            invocation.skip();
        } else {
            invocation.proceed();
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
            ExtensionContext extensionContext) throws Throwable {
        skipWhileListing(invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
            ExtensionContext extensionContext) throws Throwable {
        skipWhileListing(invocation);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
            ExtensionContext extensionContext) throws Throwable {
        skipWhileListing(invocation);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
            ExtensionContext extensionContext) throws Throwable {
        skipWhileListing(invocation);
    }
}

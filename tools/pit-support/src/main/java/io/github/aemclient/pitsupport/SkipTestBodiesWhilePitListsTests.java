package io.github.aemclient.pitsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Makes PIT's listing of a module's tests cheap, without changing what any mutant is tested with.
 *
 * <p>A JUnit 5 engine only names its tests (parameterised invocations included) by running them, so PIT's JUnit 5
 * plugin runs every test class that covers a class before it can test that class's mutants, and again in each
 * fresh JVM after a mutant times out. PIT throws those results away: on impl that was the whole suite, about a
 * minute, some ninety times. While PIT lists tests, this interceptor reports each test method as run without
 * running its body; everything around it runs as before (the class's and each test's set-up and tear-down, so
 * what a test's fields or {@code @BeforeEach} change is put back, and a parameterised test's arguments, which
 * may come from {@code @BeforeAll}, name its invocations as before). The tests a mutant is then checked with run
 * in full.
 *
 * <p>The bodies that ran used to initialise the module's classes with their real code before any mutant: PIT
 * swaps a mutant into a loaded class, which never runs its static initialiser again. So the first listing in a JVM
 * initialises every class of the module under test (the {@code classes} directory beside the test's
 * {@code test-classes}); otherwise the first mutant to reach a static initialiser would leave its state to every
 * later mutant in that JVM, and their tests would fail for it.
 *
 * <p>Active only where {@code junit.jupiter.extensions.autodetection.enabled=true}, which the parent POM sets for
 * PIT's JVMs alone, and only beneath PIT's {@value #LISTING_CLASS}.{@value #LISTING_METHOD} on the thread that runs
 * the test: anywhere else (surefire, PIT's coverage run, a test run on a thread of its own) every call proceeds.
 * If PIT renames that method, nothing is skipped and the run is only slower;
 * {@code SkipTestBodiesWhilePitListsTestsTest} fails first.
 */
public final class SkipTestBodiesWhilePitListsTests implements InvocationInterceptor {

    static final String LISTING_CLASS = "org.pitest.mutationtest.execute.MutationTestMinion";
    static final String LISTING_METHOD = "findTestsForTestClasses";

    private static final AtomicBoolean MAIN_CLASSES_INITIALISED = new AtomicBoolean();

    static boolean pitIsListingTests() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame ->
                frame.getClassName().equals(LISTING_CLASS) && frame.getMethodName().equals(LISTING_METHOD)));
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
            ExtensionContext extensionContext) throws Throwable {
        skipWhileListing(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
            ExtensionContext extensionContext) throws Throwable {
        skipWhileListing(invocation, extensionContext);
    }

    private static void skipWhileListing(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (!pitIsListingTests()) {
            invocation.proceed();
            return;
        }
        Class<?> testClass = context.getRequiredTestClass();
        if (MAIN_CLASSES_INITIALISED.compareAndSet(false, true)) {
            mainClassesOf(testClass).ifPresent(classes -> initialiseAll(classes, testClass.getClassLoader()));
        }
        invocation.skip();
    }

    /** The module's own classes: Maven's {@code target/classes} beside the {@code target/test-classes} of the test. */
    static Optional<Path> mainClassesOf(Class<?> testClass) {
        CodeSource source = testClass.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path testClasses = Path.of(source.getLocation().toURI());
            Path classes = testClasses.resolveSibling("classes");
            return testClasses.getFileName() != null && testClasses.getFileName().toString().equals("test-classes")
                    && Files.isDirectory(classes) ? Optional.of(classes) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException notADirectory) {
            return Optional.empty();
        }
    }

    /**
     * Initialises every class under {@code directory}. A class that cannot be initialised here (it needs what this
     * class path lacks, e.g. Jersey on RESTEasy's) is left alone: no test on this class path uses it either.
     */
    static void initialiseAll(Path directory, ClassLoader loader) {
        List<String> names;
        try (Stream<Path> files = Files.walk(directory)) {
            names = files.map(directory::relativize).map(Path::toString)
                    .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class")
                            && !name.endsWith("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length())
                            .replace(directory.getFileSystem().getSeparator(), "."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the classes in " + directory, e);
        }
        for (String name : names) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError notHere) {
                // see above
            }
        }
    }
}

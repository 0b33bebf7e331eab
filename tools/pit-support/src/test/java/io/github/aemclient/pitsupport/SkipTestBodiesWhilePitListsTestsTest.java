package io.github.aemclient.pitsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pitest.classinfo.ClassName;
import org.pitest.junit5.JUnit5Configuration;
import org.pitest.testapi.Configuration;
import org.pitest.testapi.Description;
import org.pitest.testapi.ResultCollector;
import org.pitest.testapi.TestGroupConfig;
import org.pitest.testapi.TestUnit;
import org.pitest.testapi.execute.FindTestUnits;

/**
 * Lists {@link ListedSample}'s tests with the PIT and JUnit 5 plugin versions the build uses, through the very
 * method PIT's mutation JVMs list tests with, as those JVMs are configured (extension autodetection on).
 */
class SkipTestBodiesWhilePitListsTestsTest {

    private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";
    /** As the parent POM's PIT configuration has it. */
    private static final String ONLY_THIS_EXTENSION = "junit.jupiter.extensions.autodetection.include";

    private final Configuration junit5 = new JUnit5Configuration(new TestGroupConfig(), List.of());

    @BeforeEach
    void asInPitsJvms() {
        System.setProperty(AUTODETECTION, "true");
        System.setProperty(ONLY_THIS_EXTENSION, "io.github.aemclient.pitsupport.*");
        ListedSample.RAN.clear();
    }

    @AfterEach
    void restore() {
        System.clearProperty(AUTODETECTION);
        System.clearProperty(ONLY_THIS_EXTENSION);
    }

    @Test
    void pitsMutationJvmListsEveryTestWithoutRunningTheirBodies() throws Exception {
        List<TestUnit> listed = listAsPitsMutationJvmDoes();

        assertThat(ListedSample.RAN).as("everything but the test bodies ran")
                .containsOnly("beforeAll", "beforeEach", "afterEach", "afterAll")
                .containsSubsequence("beforeAll", "beforeEach", "afterEach", "afterAll")
                .filteredOn("beforeEach"::equals).hasSize(4);
        assertThat(names(listed)).isEqualTo(names(listedWithEverythingRun()));
        assertThat(names(listed)).hasSize(4)
                .anySatisfy(name -> assertThat(name).contains("plain()"))
                .anySatisfy(name -> assertThat(name).contains("failing()"))
                .filteredOn(name -> name.contains("parameterised")).hasSize(2);
    }

    @Test
    void aListedTestRunsInFullWhenPitTestsAMutantWithIt() throws Exception {
        TestUnit failing = listAsPitsMutationJvmDoes().stream()
                .filter(test -> test.getDescription().getName().contains("failing()"))
                .findFirst().orElseThrow();
        Outcomes outcomes = new Outcomes();
        ListedSample.RAN.clear();

        failing.execute(outcomes);

        assertThat(ListedSample.RAN).containsExactly("beforeAll", "beforeEach", "failing", "afterEach", "afterAll");
        assertThat(outcomes.failures).singleElement()
                .satisfies(thrown -> assertThat(thrown).hasMessage("fails when run"));
    }

    @Test
    void listingAnywhereElseRunsTheTests() {
        // PIT's coverage run lists tests this way too, and records their coverage as they run
        List<TestUnit> listed = new FindTestUnits(junit5).findTestUnitsForAllSuppliedClasses(List.of(ListedSample.class));

        assertThat(listed).hasSize(4);
        assertThat(SkipTestBodiesWhilePitListsTests.pitIsListingTests()).isFalse();
        assertThat(ListedSample.RAN).contains("beforeAll", "plain", "parameterised a", "parameterised b", "failing",
                "afterAll");
    }

    @Test
    void theMainClassesAreTheClassesDirectoryBesideTheTestClasses() throws Exception {
        Path testClasses = Path.of(ListedSample.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        assertThat(SkipTestBodiesWhilePitListsTests.mainClassesOf(ListedSample.class)).hasValueSatisfying(classes -> {
            assertThat(classes).isEqualTo(testClasses.resolveSibling("classes"));
            assertThat(classes.resolve("io/github/aemclient/pitsupport/SkipTestBodiesWhilePitListsTests.class"))
                    .isRegularFile();
        });
        assertThat(SkipTestBodiesWhilePitListsTests.mainClassesOf(String.class)).as("the JDK's").isEmpty();
        assertThat(SkipTestBodiesWhilePitListsTests.mainClassesOf(Test.class)).as("in a jar").isEmpty();
    }

    @Test
    void everyClassOfADirectoryIsInitialisedAndOneThatCannotBeIsLeftAlone() throws Exception {
        Path testClasses = Path.of(ListedSample.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        SkipTestBodiesWhilePitListsTests.initialiseAll(testClasses, getClass().getClassLoader());

        assertThat(ListedSample.RAN).contains("InitialisedSample initialised");
    }

    /** PIT's private MutationTestMinion.findTestsForTestClasses: what a mutation JVM runs before any mutant. */
    private static Method listingMethod() throws Exception {
        Method listing = Class.forName(SkipTestBodiesWhilePitListsTests.LISTING_CLASS).getDeclaredMethod(
                SkipTestBodiesWhilePitListsTests.LISTING_METHOD, ClassLoader.class, Collection.class,
                Configuration.class);
        listing.setAccessible(true);
        return listing;
    }

    @SuppressWarnings("unchecked")
    private List<TestUnit> listAsPitsMutationJvmDoes() throws Exception {
        return (List<TestUnit>) listingMethod().invoke(null, getClass().getClassLoader(),
                List.of(ClassName.fromClass(ListedSample.class)), junit5);
    }

    private List<TestUnit> listedWithEverythingRun() {
        System.clearProperty(AUTODETECTION);
        try {
            return new FindTestUnits(junit5).findTestUnitsForAllSuppliedClasses(List.of(ListedSample.class));
        } finally {
            System.setProperty(AUTODETECTION, "true");
        }
    }

    private static List<String> names(List<TestUnit> tests) {
        return tests.stream().map(test -> test.getDescription().getQualifiedName()).sorted().toList();
    }

    private static final class Outcomes implements ResultCollector {
        final List<Throwable> failures = new ArrayList<>();

        @Override
        public void notifyEnd(Description description, Throwable thrown) {
            failures.add(thrown);
        }

        @Override
        public void notifyEnd(Description description) {
        }

        @Override
        public void notifyStart(Description description) {
        }

        @Override
        public void notifySkipped(Description description) {
        }

        @Override
        public boolean shouldExit() {
            return false;
        }
    }
}

package io.github.aemclient.pitsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests for PIT to list (surefire does not run them: the name is no test's); each records what of it ran. The
 * parameterised test's arguments come from what {@code @BeforeAll} set up, as in impl's {@code MalformedInputTest}.
 */
public class ListedSample {

    static final List<String> RAN = new CopyOnWriteArrayList<>();
    static List<String> values;

    @BeforeAll
    static void beforeAll() {
        RAN.add("beforeAll");
        values = List.of("a", "b");
    }

    static Stream<String> values() {
        return values.stream();
    }

    @BeforeEach
    void beforeEach() {
        RAN.add("beforeEach");
    }

    @Test
    void plain() {
        RAN.add("plain");
    }

    @ParameterizedTest
    @MethodSource("values")
    void parameterised(String value) {
        RAN.add("parameterised " + value);
    }

    @Test
    void failing() {
        RAN.add("failing");
        throw new AssertionError("fails when run");
    }

    @AfterEach
    void afterEach() {
        RAN.add("afterEach");
    }

    @AfterAll
    static void afterAll() {
        RAN.add("afterAll");
        values = null;
    }
}

package io.github.aemclient.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AemConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFieldsTest {

    @Test
    @SuppressWarnings("unchecked")
    void valuesAreReadAsPlainJavaValues() throws Exception {
        JsonFields json = JsonFields.parse("\uFEFF {\"s\":\"a\\u00e9\\n\",\"t\":true,\"f\":false,\"n\":null,"
                + "\"i\":42,\"big\":12345678901234567890,\"d\":1.5,\"e\":1e3,\"list\":[1,\"x\",{},[]],"
                + "\"o\":{\"p\":{\"q\":\"deep\"}}} ");

        assertThat(json.requireString("s")).isEqualTo("a\u00e9\n");
        assertThat(json.raw("t")).contains(Boolean.TRUE);
        assertThat(json.raw("f")).contains(Boolean.FALSE);
        assertThat(json.has("n")).isFalse();
        assertThat(json.raw("i")).contains(42L);
        assertThat(json.raw("big")).hasValueSatisfying(v -> assertThat(v).hasToString("12345678901234567890"));
        assertThat(json.raw("d")).contains(1.5);
        assertThat(json.raw("e")).contains(1000.0);
        assertThat(json.raw("list")).hasValueSatisfying(v -> assertThat((List<Object>) v).hasSize(4).startsWith(1L, "x"));
        assertThat(json.requireObject("o").requireObject("p").requireString("q")).isEqualTo("deep");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"n\":86399000}        | 86399000",
        "{\"n\":\"86399000\"}    | 86399000",
        "{\"n\":\" -5 \"}        | -5",
        "{\"n\":8.6399E7}        | 86399000",
        "{\"n\":1.0}             | 1"})
    void wholeNumbersAreNumbersOrStringsOfDigits(String json, long expected) throws Exception {
        assertThat(JsonFields.parse(json).requireWholeNumber("n")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"n\":1.5}                    | n must be a whole number but is a number",
        "{\"n\":9.0e15}                 | n must be a whole number but is a number",
        "{\"n\":12345678901234567890}   | n must be a whole number but is a number",
        "{\"n\":\"1 day\"}              | n must be a whole number but is a string",
        "{\"n\":[1]}                    | n must be a whole number but is an array",
        "{\"n\":{}}                     | n must be a whole number but is an object",
        "{\"n\":true}                   | n must be a whole number but is a boolean",
        "{\"n\":null}                   | n is missing"})
    void otherNumbersAreNamed(String json, String message) throws Exception {
        JsonFields fields = JsonFields.parse(json);

        assertThatThrownBy(() -> fields.requireWholeNumber("n")).isInstanceOf(JsonFieldException.class)
                .hasMessage(message);
    }

    @Test
    void fieldsAreNamedByTheirPath() throws Exception {
        JsonFields inner = JsonFields.parse("{\"a\":{\"b\":{\"c\":7,\"e\":\" \"}}}").requireObject("a").requireObject("b");

        assertThatThrownBy(() -> inner.requireString("c")).isInstanceOfSatisfying(JsonFieldException.class,
                e -> assertThat(e.path()).isEqualTo("a.b.c")).hasMessage("a.b.c must be a string but is a number");
        assertThatThrownBy(() -> inner.requireString("e")).hasMessage("a.b.e is empty");
        assertThatThrownBy(() -> inner.requireObject("d")).hasMessage("a.b.d is missing");
        assertThatThrownBy(() -> inner.requireObject("c")).hasMessage("a.b.c must be an object but is a number");
        assertThat(inner.optionalString("d")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                          | is empty",
        "'  '                        | is empty",
        "[1]                         | is not a JSON object (it does not start with '{')",
        "{\"a\":1,\"a\":2}           | is not valid JSON: a member name appears twice",
        "{\"a\":{\"b\":1,\"b\":1}}   | is not valid JSON: a member name appears twice",
        "{\"a\":{},\"a\":{}}         | is not valid JSON: a member name appears twice",
        "{\"a\":1                    | is not valid JSON: it ends too early (truncated?)",
        "{\"a\":\"abc                | is not valid JSON: it ends too early (truncated?)",
        "{\"a\":1} {}                | is not valid JSON (error at character 8)",
        "{\"a\":1,,\"b\":2}          | is not valid JSON (error at character 7)",
        "{\"a\":1,}                   | is not valid JSON (error at character 7)",
        "'  {\"a\":1,}'               | is not valid JSON (error at character 9)",
        "'{\"a\":1   '                | is not valid JSON: it ends too early (truncated?)",
        "'{\"a\":1,'                  | is not valid JSON: it ends too early (truncated?)",
        "{\"a\" 1, \"b\":2}          | is not valid JSON (error at character 5)"})
    void invalidJsonIsDescribedWithoutQuotingIt(String json, String message) {
        assertThatThrownBy(() -> JsonFields.parse(json)).isInstanceOf(JsonSyntaxException.class).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100_000})
    void deepNestingIsReadOrRejectedButNeverOverflowsTheStack(int depth) {
        String json = "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

        try {
            assertThat(JsonFields.parse(json).raw("a")).isPresent();
        } catch (JsonSyntaxException e) {
            assertThat(e).hasMessageStartingWith("is not valid JSON");
        }
    }

    @Test
    void aMissingJsonPImplementationIsAConfigurationError() {
        String previous = System.setProperty("jakarta.json.provider", "no.such.JsonProvider");
        try {
            assertThatThrownBy(() -> JsonFields.parse("{}")).isInstanceOfSatisfying(AemConfigurationException.class,
                    e -> assertThat(e.source()).isEqualTo("classpath"))
                    .hasMessageStartingWith("No JSON-P implementation is on the classpath")
                    .hasMessageContaining("org.eclipse.parsson:parsson");
        } finally {
            if (previous == null) {
                System.clearProperty("jakarta.json.provider");
            } else {
                System.setProperty("jakarta.json.provider", previous);
            }
        }
    }
}

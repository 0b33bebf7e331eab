package io.github.aemclient.filter;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.Serializable;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which entities a replay may send again: those that write the same bytes twice, and nothing else. */
class RepeatableEntitiesTest {

    enum Kind { PAGE }

    record Page(String title, List<String> tags, Instant modified, Map<String, Object> properties) {
    }

    record Upload(String name, InputStream content) {
    }

    record Wrapper(Object payload) {
    }

    static class Pojo implements Serializable {
        private static final long serialVersionUID = 1L;
        private static final InputStream IGNORED_STATIC = new ByteArrayInputStream(new byte[0]);
        String title = "t";
        int count = 3;
        Date created = new Date(0);
    }

    static class PojoWithHiddenStream extends Pojo {
        private static final long serialVersionUID = 1L;
        private final Object attachment = new ByteArrayInputStream(new byte[1]);
    }

    static class Node {
        Node next;
        String name = "n";
    }

    static class IterablePojo implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("a").iterator();
        }
    }

    static Node cycle() {
        Node a = new Node();
        Node b = new Node();
        a.next = b;
        b.next = a;
        return a;
    }

    static Object nested(int depth) {
        Object value = "leaf";
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    static Stream<Arguments> repeatable() {
        return Stream.of(
                Arguments.of("text", "{\"title\":\"x\"}"),
                Arguments.of("bytes", new byte[] {1, 2}),
                Arguments.of("a number", new BigDecimal("1.5")),
                Arguments.of("an enum", Kind.PAGE),
                Arguments.of("a form", new Form("a", "b")),
                Arguments.of("a file", new File("/tmp/x")),
                Arguments.of("a JSON-P object", Json.createReader(new StringReader("{\"a\":[1,2]}")).readObject()),
                Arguments.of("a record of values", new Page("t", List.of("a"), Instant.EPOCH, Map.of("n", 1))),
                Arguments.of("a POJO", new Pojo()),
                Arguments.of("a list of records", List.of(new Page("t", List.of(), Instant.EPOCH, Map.of()))),
                Arguments.of("a mutable map of dates", new HashMap<>(Map.of("d", LocalDate.EPOCH, "u", UUID.randomUUID()))),
                Arguments.of("an array of URIs", new URI[] {URI.create("https://x")}),
                Arguments.of("an Optional of a duration", Optional.of(Duration.ofSeconds(1))),
                Arguments.of("a cycle of data objects", cycle()),
                Arguments.of("nesting within the depth bound", nested(10)));
    }

    static Stream<Arguments> notRepeatable() {
        return Stream.of(
                Arguments.of("a stream", new ByteArrayInputStream(new byte[1])),
                Arguments.of("a reader", new StringReader("x")),
                Arguments.of("a StreamingOutput lambda", (StreamingOutput) out -> out.write(1)),
                Arguments.of("a Supplier", (Supplier<String>) () -> "x"),
                Arguments.of("a record holding a stream", new Upload("a.txt", new ByteArrayInputStream(new byte[1]))),
                Arguments.of("a POJO holding a stream in an Object field", new PojoWithHiddenStream()),
                Arguments.of("a record holding a record holding a stream",
                        new Wrapper(new Upload("a", new ByteArrayInputStream(new byte[1])))),
                Arguments.of("a list with a stream", new ArrayList<>(List.of("a", new ByteArrayInputStream(new byte[1])))),
                Arguments.of("a map with a stream value", Map.of("file", new ByteArrayInputStream(new byte[1]))),
                Arguments.of("an array holding a stream", new Object[] {"a", new ByteArrayInputStream(new byte[1])}),
                Arguments.of("an Optional of a stream", Optional.of(new ByteArrayInputStream(new byte[1]))),
                Arguments.of("an iterator", List.of("a").iterator()),
                Arguments.of("an Iterable data class", new IterablePojo()),
                Arguments.of("an anonymous class", new Object() { }),
                Arguments.of("multipart entity parts", List.of(entityPart())),
                Arguments.of("nesting beyond the depth bound", nested(40)));
    }

    static EntityPart entityPart() {
        try {
            return EntityPart.withName("file").content(new ByteArrayInputStream(new byte[1])).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void repeatable(String what, Object entity) {
        assertThat(RepeatableEntities.isRepeatable(entity)).as(what).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void notRepeatable(String what, Object entity) {
        assertThat(RepeatableEntities.isRepeatable(entity)).as(what).isFalse();
    }
}

package io.github.aemclient.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
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
        return nested(depth, List::of);
    }

    /** A leaf wrapped {@code depth} times: the leaf is looked at at that depth. */
    static Object nested(int depth, UnaryOperator<Object> wrap) {
        Object value = "leaf";
        for (int i = 0; i < depth; i++) {
            value = wrap.apply(value);
        }
        return value;
    }

    static List<String> strings(int count) {
        return Collections.nCopies(count, "s");
    }

    interface Named extends Serializable {
    }

    interface Producing extends Supplier<String> {
    }

    record NamedPage(String name) implements Named {
    }

    record ProducingPage(String name) implements Producing {
        @Override
        public String get() {
            return name;
        }
    }

    static class AppList extends ArrayList<String> {
        private static final long serialVersionUID = 1L;
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
                Arguments.of("nesting within the depth bound", nested(10)),
                Arguments.of("lists nested to the depth bound", nested(16)),
                Arguments.of("Optionals nested to the depth bound", nested(16, Optional::of)),
                Arguments.of("maps nested to the depth bound", nested(16, v -> Map.of("k", v))),
                Arguments.of("arrays nested to the depth bound", nested(16, v -> new Object[] {v})),
                Arguments.of("records nested to the depth bound", nested(16, Wrapper::new)),
                Arguments.of("as many objects as may be looked at", strings(9_999)),
                Arguments.of("null elements and empty Optionals", Arrays.asList(null, Optional.empty())),
                Arguments.of("a record implementing the application's Serializable interface", new NamedPage("n")),
                Arguments.of("a JDK concurrent list", new CopyOnWriteArrayList<>(List.of("a"))));
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
                Arguments.of("nesting beyond the depth bound", nested(40)),
                Arguments.of("lists nested past the depth bound", nested(17)),
                Arguments.of("Optionals nested past the depth bound", nested(17, Optional::of)),
                Arguments.of("maps nested past the depth bound", nested(17, v -> Map.of("k", v))),
                Arguments.of("maps nested past the depth bound in their keys", nested(17, v -> Map.of(v, "v"))),
                Arguments.of("arrays nested past the depth bound", nested(17, v -> new Object[] {v})),
                Arguments.of("records nested past the depth bound", nested(17, Wrapper::new)),
                Arguments.of("more objects than may be looked at", strings(10_000)),
                Arguments.of("a record implementing an interface that is a Supplier", new ProducingPage("p")),
                Arguments.of("the application's subclass of a JDK list", new AppList()),
                Arguments.of("a JAX-RS implementation's map", new MultivaluedHashMap<String, String>()));
    }

    static EntityPart entityPart() {
        try {
            return EntityPart.withName("file").content(new ByteArrayInputStream(new byte[1])).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

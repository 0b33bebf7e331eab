package io.github.aemclient.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whether an application's {@code MessageBodyWriter} could write a request body, judged by the type it declares:
 * a writer that could would make the replay (through a client without it) send other bytes, so the request
 * is not replayed; one that cannot is no reason to give the replay up.
 */
class ReplayWritersTest {

    static class Note {
    }

    static class SignedNote extends Note {
    }

    abstract static class Writer<T> implements MessageBodyWriter<T> {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return true;
        }

        @Override
        public void writeTo(T t, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) {
        }
    }

    static class NoteWriter extends Writer<Note> implements MessageBodyWriter<Note> {
    }

    /** Declares its type through its superclass: MessageBodyWriter is not among its own interfaces. */
    static class NoteWriterSubclass extends NoteWriter {
    }

    /** Only a superclass's type variable says what it writes: unresolved, so it may write anything. */
    static class UnresolvedNoteWriter extends Writer<Note> {
    }

    /** Another parameterised interface first, then MessageBodyWriter. */
    static class ComparableNoteWriter extends Writer<Note> implements Comparable<String>, MessageBodyWriter<Note> {
        @Override
        public int compareTo(String other) {
            return 0;
        }
    }

    static class ListWriter extends Writer<List<String>> implements MessageBodyWriter<List<String>> {
    }

    static class BytesWriter extends Writer<byte[]> implements MessageBodyWriter<byte[]> {
    }

    static class ObjectWriter extends Writer<Object> implements MessageBodyWriter<Object> {
    }

    static class AnyWriter<T> extends Writer<T> implements MessageBodyWriter<T> {
    }

    static class ArrayWriter<T> extends Writer<T[]> implements MessageBodyWriter<T[]> {
    }

    @SuppressWarnings("rawtypes")
    static class RawWriter extends Writer implements MessageBodyWriter {
    }

    /** Not a writer by any interface it declares itself: nothing says what it writes. */
    static class SerializableThing implements Serializable {
    }

    static Stream<Arguments> writers() {
        return Stream.of(
                Arguments.of(NoteWriter.class, Note.class, true),
                Arguments.of(NoteWriter.class, SignedNote.class, true),
                Arguments.of(NoteWriter.class, String.class, false),
                Arguments.of(NoteWriterSubclass.class, String.class, false),
                Arguments.of(NoteWriterSubclass.class, SignedNote.class, true),
                Arguments.of(UnresolvedNoteWriter.class, String.class, true),
                Arguments.of(ComparableNoteWriter.class, String.class, false),
                Arguments.of(ComparableNoteWriter.class, Note.class, true),
                Arguments.of(ListWriter.class, ArrayList.class, true),
                Arguments.of(ListWriter.class, String.class, false),
                Arguments.of(BytesWriter.class, byte[].class, true),
                Arguments.of(BytesWriter.class, String.class, false),
                Arguments.of(ObjectWriter.class, String.class, true),
                Arguments.of(AnyWriter.class, String.class, true),
                Arguments.of(ArrayWriter.class, String.class, true),
                Arguments.of(RawWriter.class, String.class, true),
                Arguments.of(SerializableThing.class, String.class, true));
    }

    @ParameterizedTest(name = "{0} may write {1}: {2}")
    @MethodSource("writers")
    void aWriterMayWriteWhatItsDeclaredTypeAccepts(Class<?> writer, Class<?> body, boolean mayWrite) {
        assertThat(Replay.mayWrite(writer, body)).isEqualTo(mayWrite);
    }
}

package io.github.aemclient.cdi;

import io.github.aemclient.AemClient;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSession;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** MicroProfile Rest Client interfaces and beans shaped like a user's. */
final class RestClients {

    private RestClients() {
    }

    @RegisterRestClient
    @AemClient("author")
    @Path("/content")
    @RegisterProvider(NoteWriter.class)
    @ClientHeaderParam(name = "X-Typed-Client", value = "author-content")
    public interface AuthorContent {
        @GET
        @Path("/{page}.json")
        String page(@PathParam("page") String page);

        @PUT
        @Path("/{page}.json")
        @Consumes(MediaType.TEXT_PLAIN)
        String put(@PathParam("page") String page, @HeaderParam("X-Revision") String revision, String body);

        @PUT
        @Path("/{page}.note")
        @Consumes("text/x-note")
        String putNote(@PathParam("page") String page, Note note);
    }

    /** A hostname verifier, named by configuration: its presence matters, not what it verifies. */
    public static final class StrictHostnames implements HostnameVerifier {
        @Override
        public boolean verify(String hostname, SSLSession session) {
            return "127.0.0.1".equals(hostname);
        }
    }

    /** A body only the Rest Client's own provider can write. */
    public record Note(String text) {
    }

    public static final class NoteWriter implements MessageBodyWriter<Note> {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == Note.class;
        }

        @Override
        public void writeTo(Note note, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
            out.write(("note: " + note.text()).getBytes(StandardCharsets.UTF_8));
        }
    }

    @RegisterRestClient(configKey = "aem-pages")
    @AemClient("author")
    @Path("/content")
    public interface KeyedContent {
        @GET
        @Path("/{page}.json")
        String page(@PathParam("page") String page);
    }

    @RegisterRestClient
    @AemClient("broken")
    @Path("/content")
    public interface BrokenContent {
        @GET
        @Path("/{page}.json")
        String page(@PathParam("page") String page);
    }

    @RegisterRestClient(baseUri = "http://127.0.0.1:1/elsewhere")
    @AemClient("author")
    public interface AnnotatedUrl {
        @GET
        String get();
    }

    /** Its configKey is its own name: the defaults must not ask themselves forever. */
    @RegisterRestClient(configKey = "io.github.aemclient.cdi.RestClients$SelfKeyed")
    @AemClient("author")
    public interface SelfKeyed {
        @GET
        String get();
    }

    /** Not injected anywhere: only built with RestClientBuilder. */
    @AemClient("publish")
    @Path("/content")
    public interface PublishContent {
        @GET
        @Path("/{page}.json")
        String page(@PathParam("page") String page);
    }

    @Dependent
    static class Author {
        @Inject
        @RestClient
        AuthorContent content;

        @Inject
        @AemClient("author")
        WebTarget aem;
    }

    @Dependent
    static class Keyed {
        @Inject
        @RestClient
        KeyedContent content;
    }

    @Dependent
    static class Broken {
        @Inject
        @RestClient
        BrokenContent content;
    }
}

package io.github.aemclient.it.app;

import io.github.aemclient.AemClient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * A user's resource that calls AEM the ways a 401 replay must get right: with its own providers registered
 * on the {@code WebTarget} (a gzip filter and interceptor, message body writers), with generic entities,
 * with bodies that cannot be sent twice. Each endpoint answers {@code <status the application saw>\n<body>}.
 */
@Path("replay")
@RequestScoped
public class ReplayResource {

    /** One environment per kind of replay: each has its own limit on renewals caused by a 401. */
    @Inject
    @AemClient("replay-gzip")
    WebTarget gzip;

    @Inject
    @AemClient("replay-pojo")
    WebTarget pojo;

    @Inject
    @AemClient("replay-generic")
    WebTarget generic;

    @Inject
    @AemClient("replay-stream")
    WebTarget stream;

    @Inject
    @AemClient("replay-multipart")
    WebTarget multipart;

    @Inject
    @AemClient("denied")
    WebTarget denied;

    /** Gives the environment a token, so that a revocation afterwards makes AEM answer 401. */
    @GET
    @Path("warm")
    @Produces(MediaType.TEXT_PLAIN)
    public String warm(@QueryParam("environment") String environment) {
        WebTarget target = switch (environment) {
            case "replay-gzip" -> gzip;
            case "replay-pojo" -> pojo;
            case "replay-generic" -> generic;
            case "replay-stream" -> stream;
            case "replay-multipart" -> multipart;
            default -> throw new NotFoundException();
        };
        return call(() -> target.path("/warm").request().get());
    }

    @GET
    @Path("denied")
    @Produces(MediaType.TEXT_PLAIN)
    public String denied(@QueryParam("path") String path) {
        return call(() -> denied.path(path).request().get());
    }

    @GET
    @Path("gzip")
    @Produces(MediaType.TEXT_PLAIN)
    public String gzipGet(@QueryParam("path") String path) {
        return call(() -> gzip.register(AcceptGzip.class).register(GunzipInterceptor.class).path(path).request().get());
    }

    @GET
    @Path("pojo")
    @Produces(MediaType.TEXT_PLAIN)
    public String pojoPut(@QueryParam("path") String path) {
        return call(() -> pojo.register(PageWriter.class).path(path).request()
                .put(Entity.entity(new Page("Hello, world"), PageWriter.TYPE)));
    }

    @GET
    @Path("generic")
    @Produces(MediaType.TEXT_PLAIN)
    public String genericPut(@QueryParam("path") String path) {
        return call(() -> generic.register(StringListWriter.class).path(path).request()
                .put(Entity.entity(new GenericEntity<List<String>>(List.of("a", "b", "c")) { }, MediaType.TEXT_PLAIN)));
    }

    /** A plain GET, after a stream was refused, to see the new token in use. */
    @GET
    @Path("stream-next")
    @Produces(MediaType.TEXT_PLAIN)
    public String streamNext(@QueryParam("path") String path) {
        return call(() -> stream.path(path).request().get());
    }

    @GET
    @Path("stream")
    @Produces(MediaType.TEXT_PLAIN)
    public String streamPut(@QueryParam("path") String path) {
        return call(() -> stream.path(path).request().put(Entity.entity(
                new ByteArrayInputStream("streamed content".getBytes(StandardCharsets.UTF_8)),
                MediaType.APPLICATION_OCTET_STREAM)));
    }

    @GET
    @Path("multipart")
    @Produces(MediaType.TEXT_PLAIN)
    public String multipartPut(@QueryParam("path") String path) {
        return call(() -> {
            try {
                List<EntityPart> parts = List.of(EntityPart.withName("file").fileName("a.txt")
                        .content(new ByteArrayInputStream("the file's content".getBytes(StandardCharsets.UTF_8)))
                        .mediaType(MediaType.TEXT_PLAIN_TYPE).build());
                return multipart.path(path).request().put(Entity.entity(new GenericEntity<List<EntityPart>>(parts) { },
                        MediaType.MULTIPART_FORM_DATA_TYPE));
            } catch (IOException e) {
                throw new WebApplicationException(e);
            }
        });
    }

    private static String call(Supplier<Response> request) {
        try (Response response = request.get()) {
            return response.getStatus() + "\n" + (response.hasEntity() ? response.readEntity(String.class) : "");
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "error\n" + cause;
        }
    }

    public record Page(String title) {
    }

    /** Registered on a target only: the client itself cannot write a {@link Page}. */
    @Produces(PageWriter.TYPE)
    public static class PageWriter implements MessageBodyWriter<Page> {
        static final String TYPE = "application/vnd.test.page";

        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == Page.class;
        }

        @Override
        public void writeTo(Page page, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
            out.write(("page:" + page.title()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes only what is declared as {@code List<String>}: a lost generic type finds no writer. */
    @Produces(MediaType.TEXT_PLAIN)
    public static class StringListWriter implements MessageBodyWriter<List<String>> {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return List.class.isAssignableFrom(type) && genericType instanceof ParameterizedType parameterized
                    && parameterized.getActualTypeArguments()[0] == String.class;
        }

        @Override
        public void writeTo(List<String> strings, Class<?> type, Type genericType, Annotation[] annotations,
                MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
            out.write(("strings:" + String.join("|", strings)).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The application's own gzip support, portable across JAX-RS implementations. */
    public static class AcceptGzip implements ClientRequestFilter {
        @Override
        public void filter(ClientRequestContext request) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT_ENCODING, "gzip");
        }
    }

    /** Decodes a gzip body: run twice on one body, it fails ("Not in GZIP format"). */
    public static class GunzipInterceptor implements ReaderInterceptor {
        @Override
        public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
            if ("gzip".equalsIgnoreCase(context.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING))) {
                InputStream compressed = context.getInputStream();
                context.setInputStream(new GZIPInputStream(compressed));
            }
            return context.proceed();
        }
    }
}

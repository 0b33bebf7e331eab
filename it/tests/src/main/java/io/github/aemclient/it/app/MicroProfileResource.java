package io.github.aemclient.it.app;

import io.github.aemclient.AemClient;
import io.github.aemclient.cdi.AemEnvironments;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** A user's resource calling AEM through MicroProfile Rest Client and through programmatic lookup. */
@Path("mp")
@RequestScoped
public class MicroProfileResource {

    @Inject
    @RestClient
    AemPages pages;

    @Inject
    @RestClient
    FastAemPages fastPages;

    @Inject
    @RestClient
    ReplayedAemPages replayedPages;

    @Inject
    @AemClient("it-mp")
    WebTarget target;

    @Inject
    AemEnvironments environments;

    @GET
    @Path("typed/{page}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response typed(@PathParam("page") String page) {
        return call(() -> pages.page(page));
    }

    @GET
    @Path("fast/{page}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response fast(@PathParam("page") String page) {
        return call(() -> fastPages.page(page));
    }

    @PUT
    @Path("replayed/{page}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public Response replayed(@PathParam("page") String page, @QueryParam("revision") String revision, String text) {
        return call(() -> replayedPages.put(page, revision, text));
    }

    @GET
    @Path("target/{page}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response target(@PathParam("page") String page) {
        return call(() -> target.path("/content/" + page + ".json").request().get(String.class));
    }

    /**
     * A client built in code, for the same environment: the base URI from AemEnvironments. Closed after use (Rest
     * Client proxies are AutoCloseable): left to the garbage collector, RESTEasy-based servers log
     * RESTEASY004687, which RedeployIT counts against the library.
     */
    @GET
    @Path("built/{page}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response built(@PathParam("page") String page) {
        return call(() -> {
            AemPages pages = RestClientBuilder.newBuilder().baseUri(environments.url("it-mp")).build(AemPages.class);
            String answer;
            try {
                answer = pages.page(page);
            } catch (RuntimeException failed) {
                close(pages, failed);
                throw failed;
            }
            close(pages, null);
            return answer;
        });
    }

    /** A failure to close never hides the call's own failure: it is added to it instead. */
    private static void close(Object restClient, RuntimeException callFailure) {
        if (restClient instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (callFailure != null) {
                    callFailure.addSuppressed(e);
                } else {
                    throw new IllegalStateException("The Rest Client could not be closed", e);
                }
            }
        }
    }

    /** CDI's own programmatic lookup of an environment nothing injects (listed in aem.environments). */
    @GET
    @Path("lookup/{environment}/{page}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response lookup(@PathParam("environment") String environment, @PathParam("page") String page) {
        return call(() -> CDI.current().select(WebTarget.class, AemClient.Literal.of(environment)).get()
                .path("/content/" + page + ".json").request().get(String.class));
    }

    @GET
    @Path("environments/{environment}/{page}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response byName(@PathParam("environment") String environment, @PathParam("page") String page) {
        try {
            WebTarget chosen = environments.target(environment);
            return call(() -> chosen.path("/content/" + page + ".json").request().get(String.class));
        } catch (IllegalArgumentException unknown) {
            return Response.status(404).entity(unknown.getMessage()).build();
        }
    }

    private static Response call(Supplier<String> call) {
        try {
            return Response.ok(call.get()).build();
        } catch (WebApplicationException e) {
            return Response.status(e.getResponse().getStatus()).entity("AEM answered " + e.getResponse().getStatus())
                    .build();
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Response.status(502).entity(cause.getClass().getName() + ": " + cause.getMessage()).build();
        }
    }
}

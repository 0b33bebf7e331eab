package io.github.aemclient.it.app;

import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.AemClient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A user's resource: proxies GETs to one of several AEM environments, injected by qualifier. */
@Path("aem")
@RequestScoped
public class AemResource {

    @Inject
    @AemClient("it-author")
    WebTarget author;

    @Inject
    @AemClient("it-publish")
    WebTarget publish;

    @Inject
    @AemClient("dev")
    WebTarget dev;

    @Inject
    @AemClient("local")
    WebTarget local;

    @Inject
    @AemClient("fast")
    WebTarget fast;

    @Inject
    @AemClient("site")
    WebTarget site;

    @Inject
    @AemClient("assets")
    WebTarget assets;

    @Inject
    @AemClient("it-author")
    AccessTokenProvider authorTokens;

    @Inject
    RenewalThreads renewalThreads;

    @GET
    @Path("{environment}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response get(@PathParam("environment") String environment, @QueryParam("path") String path) {
        WebTarget target = switch (environment) {
            case "author" -> author;
            case "publish" -> publish;
            case "dev" -> dev;
            case "local" -> local;
            case "fast" -> fast;
            case "site" -> site;
            case "assets" -> assets;
            default -> throw new NotFoundException();
        };
        try (Response response = target.path(path).request().get()) {
            return Response.status(response.getStatus()).entity(response.readEntity(String.class)).build();
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Response.status(502).entity(cause.getClass().getName() + ": " + cause.getMessage()).build();
        }
    }

    /** Asks author AEM for a redirect to {@code to}; returns the status the application's client saw. */
    @GET
    @Path("author-redirect")
    @Produces(MediaType.TEXT_PLAIN)
    public String redirect(@QueryParam("to") String to) {
        try (Response response = author.path("/testkit/redirect").queryParam("to", to).request().get()) {
            return Integer.toString(response.getStatus());
        }
    }

    /** When the author token expires; never the token itself. */
    @GET
    @Path("author-token-expiry")
    @Produces(MediaType.TEXT_PLAIN)
    public String authorTokenExpiry() {
        return authorTokens.getAccessToken().expiresAt().toString();
    }

    /** Which threads obtained the environment's tokens, a line each. */
    @GET
    @Path("obtained/{environment}")
    @Produces(MediaType.TEXT_PLAIN)
    public String obtained(@PathParam("environment") String environment) {
        return renewalThreads.of(environment).stream().map(RenewalThreads.Obtained::toString)
                .collect(Collectors.joining("\n"));
    }

    /** The names (never the values) of the AEM_* environment variables the server process sees. */
    @GET
    @Path("environment-variable-names")
    @Produces(MediaType.TEXT_PLAIN)
    public String environmentVariableNames() {
        return System.getenv().keySet().stream().filter(name -> name.startsWith("AEM_")).sorted()
                .collect(Collectors.joining(","));
    }

    /** The JAX-RS client implementation behind the injected target: which one actually ran. */
    @GET
    @Path("client-implementation")
    @Produces(MediaType.TEXT_PLAIN)
    public String clientImplementation() {
        return author.getClass().getName();
    }

    /**
     * The Java the server runs on and the Jakarta REST version it provides (4.0, Jakarta EE 11, is the first with
     * {@code UriInfo.getMatchedResourceTemplate}), as {@code java=21 rest=4.0}: which platform actually ran.
     */
    @GET
    @Path("platform")
    @Produces(MediaType.TEXT_PLAIN)
    public String platform() {
        boolean rest4 = Arrays.stream(UriInfo.class.getMethods())
                .anyMatch(method -> method.getName().equals("getMatchedResourceTemplate"));
        return "java=" + Runtime.version().feature() + " rest=" + (rest4 ? "4.0" : "3.1");
    }
}

package io.github.aemclient.quickstart;

import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.AemClient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;

/**
 * GET /aem/{path} fetches {path} from the configured AEM author environment. Authentication is
 * entirely the library's business: this class only injects the WebTarget.
 */
@Path("aem")
@RequestScoped
public class AemContentResource {

    private static final Logger LOG = Logger.getLogger(AemContentResource.class.getName());

    @Inject
    @AemClient("author")
    WebTarget aem;

    @Inject
    @AemClient("author")
    AccessTokenProvider tokens;

    @GET
    @Path("{path: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("path") String path) {
        try (Response response = aem.path(path).request(MediaType.APPLICATION_JSON).get()) {
            String body = response.readEntity(String.class);
            LOG.info(() -> "quickstart: GET /" + path + " on AEM -> HTTP " + response.getStatus());
            return Response.status(response.getStatus()).entity(body).type(MediaType.APPLICATION_JSON).build();
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.warning(() -> "quickstart: GET /" + path + " failed: " + cause.getMessage());
            return Response.status(Response.Status.BAD_GATEWAY).type(MediaType.TEXT_PLAIN)
                    .entity(cause.getMessage() + "\n").build();
        }
    }

    /** The current token's expiry (never the token itself). */
    @GET
    @Path("token")
    @Produces(MediaType.TEXT_PLAIN)
    public String token() {
        return "The access token for AEM is valid until " + tokens.getAccessToken().expiresAt() + "\n";
    }
}

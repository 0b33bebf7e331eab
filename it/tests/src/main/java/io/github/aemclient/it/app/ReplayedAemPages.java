package io.github.aemclient.it.app;

import io.github.aemclient.AemClient;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A typed client that writes, for an environment whose token the test revokes. */
@RegisterRestClient
@AemClient("it-mp-replay")
@Path("/content")
@ClientHeaderParam(name = "X-Typed-Client", value = "replayed-pages")
public interface ReplayedAemPages {

    @PUT
    @Path("/{page}.json")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    String put(@PathParam("page") String page, @HeaderParam("X-Revision") String revision, String text);
}

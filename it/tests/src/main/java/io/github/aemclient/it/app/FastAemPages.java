package io.github.aemclient.it.app;

import io.github.aemclient.AemClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The same, for an environment whose tokens last 4 seconds. */
@RegisterRestClient
@AemClient("it-mp-fast")
@Path("/content")
public interface FastAemPages {

    @GET
    @Path("/{page}.json")
    @Produces(MediaType.APPLICATION_JSON)
    String page(@PathParam("page") String page);
}

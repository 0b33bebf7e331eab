package io.github.aemclient.it.app;

import io.github.aemclient.AemClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A user's typed client of AEM pages, bound to an environment by {@code @AemClient}. */
@RegisterRestClient
@AemClient("it-mp")
@Path("/content")
public interface AemPages {

    @GET
    @Path("/{page}.json")
    @Produces(MediaType.APPLICATION_JSON)
    String page(@PathParam("page") String page);
}

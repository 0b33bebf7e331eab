package io.github.aemclient.it.app;

import io.github.aemclient.AemClient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.WebTarget;

/** Injects an environment whose configuration lacks its URL: the deployment must fail. */
@Path("broken")
@RequestScoped
public class BrokenResource {

    @Inject
    @AemClient("broken")
    WebTarget aem;

    @GET
    public String get() {
        return aem.path("/x").request().get(String.class);
    }
}

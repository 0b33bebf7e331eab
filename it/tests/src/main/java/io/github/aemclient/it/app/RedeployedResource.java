package io.github.aemclient.it.app;

import io.github.aemclient.AemClient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.WebTarget;

/** An AEM page through the library, so that each deployment obtains tokens and renews them. */
@Path("redeployed")
@RequestScoped
public class RedeployedResource {

    @Inject
    @AemClient("redeployed")
    WebTarget aem;

    @GET
    public String get() {
        return aem.path("/content/redeployed.json").request().get(String.class);
    }
}

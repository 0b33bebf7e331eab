package io.github.aemclient.it.app;

import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.AemClient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.WebTarget;

/** A plain, correctly configured application: its deployment must leave nothing alarming in the server's log. */
@Path("quiet")
@RequestScoped
public class QuietResource {

    @Inject
    @AemClient("quiet")
    WebTarget aem;

    @Inject
    @AemClient("quiet")
    AccessTokenProvider tokens;

    @GET
    public String get() {
        return aem.path("/content/quiet.json").request().get(String.class) + tokens.getAccessToken().expiresAt();
    }
}

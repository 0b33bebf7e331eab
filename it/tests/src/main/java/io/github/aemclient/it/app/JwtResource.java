package io.github.aemclient.it.app;

import io.github.aemclient.AemClient;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A resource of an application secured by MicroProfile JWT that calls AEM through the library: for callers in
 * the group {@code aem-reader} only, who the caller is according to the server's MicroProfile JWT, and the AEM
 * page fetched for them.
 */
@Path("jwt")
@RequestScoped
public class JwtResource {

    @Inject
    @AemClient("it-jwt")
    WebTarget aem;

    @Inject
    JsonWebToken caller;

    @Context
    SecurityContext security;

    @GET
    @Path("page")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed("aem-reader")
    public String page() {
        String name = caller.getName();
        String page = aem.path("/content/jwt.json").request().get(String.class);
        return "caller=" + name + " reader=" + security.isUserInRole("aem-reader") + " page=" + page;
    }
}

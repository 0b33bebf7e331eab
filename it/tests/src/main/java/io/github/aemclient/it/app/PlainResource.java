package io.github.aemclient.it.app;

import io.github.aemclient.AemClient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.client.WebTarget;

/** An application that uses neither MicroProfile Rest Client nor Health, and says which of them it sees. */
@Path("plain")
@RequestScoped
public class PlainResource {

    @Inject
    @AemClient("plain")
    WebTarget aem;

    @GET
    @Path("page/{page}")
    public String page(@PathParam("page") String page) {
        return aem.path("/content/" + page + ".json").request().get(String.class);
    }

    @GET
    @Path("sees/{className}")
    public String sees(@PathParam("className") String className) {
        try {
            Class.forName(className, false, PlainResource.class.getClassLoader());
            return "visible";
        } catch (ClassNotFoundException | LinkageError absent) {
            return "absent";
        }
    }
}

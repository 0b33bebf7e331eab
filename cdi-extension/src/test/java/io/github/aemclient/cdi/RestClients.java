package io.github.aemclient.cdi;

import io.github.aemclient.AemClient;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.client.WebTarget;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** MicroProfile Rest Client interfaces and beans shaped like a user's. */
final class RestClients {

    private RestClients() {
    }

    @RegisterRestClient
    @AemClient("author")
    @Path("/content")
    public interface AuthorContent {
        @GET
        @Path("/{page}.json")
        String page(@PathParam("page") String page);
    }

    @RegisterRestClient(configKey = "aem-pages")
    @AemClient("author")
    @Path("/content")
    public interface KeyedContent {
        @GET
        @Path("/{page}.json")
        String page(@PathParam("page") String page);
    }

    @RegisterRestClient
    @AemClient("broken")
    @Path("/content")
    public interface BrokenContent {
        @GET
        @Path("/{page}.json")
        String page(@PathParam("page") String page);
    }

    @RegisterRestClient(baseUri = "http://127.0.0.1:1/elsewhere")
    @AemClient("author")
    public interface AnnotatedUrl {
        @GET
        String get();
    }

    /** Its configKey is its own name: the defaults must not ask themselves forever. */
    @RegisterRestClient(configKey = "io.github.aemclient.cdi.RestClients$SelfKeyed")
    @AemClient("author")
    public interface SelfKeyed {
        @GET
        String get();
    }

    /** Not injected anywhere: only built with RestClientBuilder. */
    @AemClient("publish")
    @Path("/content")
    public interface PublishContent {
        @GET
        @Path("/{page}.json")
        String page(@PathParam("page") String page);
    }

    @Dependent
    static class Author {
        @Inject
        @RestClient
        AuthorContent content;

        @Inject
        @AemClient("author")
        WebTarget aem;
    }

    @Dependent
    static class Keyed {
        @Inject
        @RestClient
        KeyedContent content;
    }

    @Dependent
    static class Broken {
        @Inject
        @RestClient
        BrokenContent content;
    }
}

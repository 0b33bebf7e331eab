package io.github.aemclient.cdi;

import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.AemClient;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;

/** Application beans shaped like a user's, one per test scenario (dependent, so tests read their fields directly). */
final class Beans {

    private Beans() {
    }

    @Dependent
    static class Author {
        @Inject
        @AemClient("author")
        WebTarget aem;

        @Inject
        @AemClient("author")
        Client client;

        @Inject
        @AemClient("author")
        AccessTokenProvider tokens;

        @Inject
        @AemClient("author")
        Instance<WebTarget> targets;
    }

    @Dependent
    static class AuthorAndPublish {
        @Inject
        @AemClient("author")
        WebTarget author;

        @Inject
        @AemClient("publish")
        WebTarget publish;
    }

    @Dependent
    static class DeveloperAndLocal {
        @Inject
        @AemClient("dev")
        WebTarget dev;

        @Inject
        @AemClient("local")
        WebTarget local;
    }

    @Dependent
    static class Local {
        @Inject
        @AemClient("local")
        WebTarget aem;
    }

    @Dependent
    static class Broken {
        @Inject
        @AemClient("broken")
        WebTarget aem;
    }

    @Dependent
    static class WrongType {
        @Inject
        @AemClient("author")
        String aem;
    }

    @Dependent
    static class TokenOfLocal {
        @Inject
        @AemClient("local")
        AccessTokenProvider tokens;
    }

    @Dependent
    static class Eager {
        @Inject
        @AemClient("eager")
        WebTarget aem;
    }

    static class ThreeEager {
        @Inject
        @AemClient("eager1")
        WebTarget one;

        @Inject
        @AemClient("eager2")
        WebTarget two;

        @Inject
        @AemClient("eager3")
        WebTarget three;
    }
}

package io.github.aemclient.filter.jersey;

import io.github.aemclient.filter.Review9ReplayContract;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.function.Supplier;
import org.glassfish.jersey.client.JerseyClientBuilder;

/** {@link Review9ReplayContract} through Jersey's client; run in the "jersey" execution, without RESTEasy. */
class JerseyReview9ReplayTest extends Review9ReplayContract {

    @Override
    protected Supplier<ClientBuilder> clientBuilder() {
        return JerseyClientBuilder::new;
    }
}

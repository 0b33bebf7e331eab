package io.github.aemclient.client.jersey;

import io.github.aemclient.client.NetworkContract;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.function.Supplier;
import org.glassfish.jersey.client.JerseyClientBuilder;

/** Run by the "jersey" surefire execution (no RESTEasy on the class path). */
class JerseyNetworkTest extends NetworkContract {

    @Override
    protected Supplier<ClientBuilder> clientBuilder() {
        return JerseyClientBuilder::new;
    }
}

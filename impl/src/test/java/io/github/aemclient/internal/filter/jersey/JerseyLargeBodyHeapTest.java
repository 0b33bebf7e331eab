package io.github.aemclient.internal.filter.jersey;

import io.github.aemclient.internal.filter.LargeReplayedBodyContract;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.function.Supplier;
import org.glassfish.jersey.client.JerseyClientBuilder;

/** Run by the "jersey" surefire execution (64 MB heap, no RESTEasy on the class path). */
class JerseyLargeBodyHeapTest extends LargeReplayedBodyContract {

    @Override
    protected Supplier<ClientBuilder> clientBuilder() {
        return JerseyClientBuilder::new;
    }
}

package io.github.aemclient.client;

import jakarta.ws.rs.client.ClientBuilder;
import java.util.function.Supplier;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;

class ResteasyNetworkTest extends NetworkContract {

    @Override
    protected Supplier<ClientBuilder> clientBuilder() {
        return ResteasyClientBuilderImpl::new;
    }
}

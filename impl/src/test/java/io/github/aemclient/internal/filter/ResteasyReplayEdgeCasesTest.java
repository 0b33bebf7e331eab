package io.github.aemclient.internal.filter;

import jakarta.ws.rs.client.ClientBuilder;
import java.util.function.Supplier;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;

/** {@link ReplayEdgeCasesContract} through RESTEasy's client. */
class ResteasyReplayEdgeCasesTest extends ReplayEdgeCasesContract {

    @Override
    protected Supplier<ClientBuilder> clientBuilder() {
        return ResteasyClientBuilderImpl::new;
    }
}

package io.github.aemclient.filter;

import jakarta.ws.rs.client.ClientBuilder;
import java.util.function.Supplier;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;

/** {@link Review9ReplayContract} through RESTEasy's client. */
class ResteasyReview9ReplayTest extends Review9ReplayContract {

    @Override
    protected Supplier<ClientBuilder> clientBuilder() {
        return ResteasyClientBuilderImpl::new;
    }
}

package io.github.aemclient.internal.filter;

import jakarta.ws.rs.client.ClientBuilder;
import java.util.function.Supplier;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;

/** Run by the "resteasy-small-heap" surefire execution (64 MB heap). */
class ResteasyLargeBodyHeapTest extends LargeReplayedBodyContract {

    @Override
    protected Supplier<ClientBuilder> clientBuilder() {
        return ResteasyClientBuilderImpl::new;
    }
}

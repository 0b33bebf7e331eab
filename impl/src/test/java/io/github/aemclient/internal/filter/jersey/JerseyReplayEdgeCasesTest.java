package io.github.aemclient.internal.filter.jersey;

import io.github.aemclient.internal.filter.ReplayEdgeCasesContract;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.function.Supplier;
import org.glassfish.jersey.client.JerseyClientBuilder;

/** {@link ReplayEdgeCasesContract} through Jersey's client; run in the "jersey" execution, without RESTEasy. */
class JerseyReplayEdgeCasesTest extends ReplayEdgeCasesContract {

    @Override
    protected Supplier<ClientBuilder> clientBuilder() {
        return JerseyClientBuilder::new;
    }
}

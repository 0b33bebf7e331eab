package io.github.aemclient.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.support.CapturedLogs;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.function.Supplier;
import org.jboss.resteasy.client.jaxrs.ClientHttpEngine;
import org.jboss.resteasy.client.jaxrs.ResteasyClient;
import org.jboss.resteasy.client.jaxrs.engines.ApacheHttpClient43Engine;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.junit.jupiter.api.Test;

class ResteasyNetworkTest extends NetworkContract {

    @Override
    protected Supplier<ClientBuilder> clientBuilder() {
        return ResteasyClientBuilderImpl::new;
    }

    @Test
    void anEngineOfTheApplicationsIsKeptAndTheMissingCredentialsAreSaid() {
        ClientHttpEngine mine = new ApacheHttpClient43Engine();
        try (CapturedLogs logs = CapturedLogs.capture();
                AemEnvironment author = throughTheProxy().clientBuilder(() -> new ResteasyClientBuilderImpl().httpEngine(mine))
                        .property("proxy-user", "proxy-user").property("proxy-password", "proxy-secret").build()) {
            assertThat(((ResteasyClient) author.client()).httpEngine()).isSameAs(mine);
            assertThat(logs.messages()).anySatisfy(m -> assertThat(m).contains("without aem.author.proxy-user")
                    .contains("an HTTP engine of the application's").doesNotContain("proxy-secret"));
        }
    }
}

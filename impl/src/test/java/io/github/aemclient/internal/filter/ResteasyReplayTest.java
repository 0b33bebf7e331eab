package io.github.aemclient.internal.filter;

import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Configurable;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.jboss.resteasy.plugins.interceptors.AcceptEncodingGZIPFilter;
import org.jboss.resteasy.plugins.interceptors.GZIPDecodingInterceptor;

/** The replay through RESTEasy's client (WildFly, Open Liberty, plain Java with resteasy-client). */
class ResteasyReplayTest extends ReplayContract {

    @Override
    protected Supplier<ClientBuilder> clientBuilder() {
        return ResteasyClientBuilderImpl::new;
    }

    @Override
    protected <C extends Configurable<C>> C withGzip(C configurable) {
        return configurable.register(AcceptEncodingGZIPFilter.class).register(GZIPDecodingInterceptor.class);
    }

    @Override
    protected Entity<?> multipartWithStream(InputStream stream) {
        try {
            List<EntityPart> parts = List.of(EntityPart.withName("file").fileName("a.txt").content(stream)
                    .mediaType(MediaType.TEXT_PLAIN_TYPE).build());
            return Entity.entity(new GenericEntity<List<EntityPart>>(parts) { }, MediaType.MULTIPART_FORM_DATA_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

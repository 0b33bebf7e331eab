package io.github.aemclient.internal.filter.jersey;

import io.github.aemclient.internal.filter.ReplayContract;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Configurable;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.function.Supplier;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.glassfish.jersey.client.filter.EncodingFilter;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.media.multipart.file.StreamDataBodyPart;
import org.glassfish.jersey.message.GZipEncoder;

/** The replay through Jersey's client (Payara, GlassFish); run in its own execution, without RESTEasy. */
class JerseyReplayTest extends ReplayContract {

    @Override
    protected Supplier<ClientBuilder> clientBuilder() {
        return () -> new JerseyClientBuilder().register(MultiPartFeature.class);
    }

    @Override
    protected <C extends Configurable<C>> C withGzip(C configurable) {
        return configurable.register(EncodingFilter.class).register(GZipEncoder.class);
    }

    @Override
    protected Entity<?> multipartWithStream(InputStream stream) {
        FormDataMultiPart multipart = new FormDataMultiPart();
        multipart.bodyPart(new StreamDataBodyPart("file", stream, "a.txt", MediaType.TEXT_PLAIN_TYPE));
        return Entity.entity(multipart, multipart.getMediaType());
    }
}

package io.github.aemclient.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AemClient;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;

/**
 * Run by its own surefire execution, with MicroProfile Rest Client and Health taken off the class path (see
 * the pom): an application without them deploys and calls AEM as before, and gets no readiness checks.
 */
class WithoutMicroProfileExtrasTest extends CdiTestSupport {

    @Test
    void theOptionalApisAreReallyAbsentHere() {
        assertThatThrownBy(() -> Class.forName("org.eclipse.microprofile.rest.client.RestClientBuilder"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName(ReadinessChecks.HEALTH_CHECK)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void injectionLookupAndTheConfigurationSourceWorkWithoutThem() {
        service("author", AUTHOR);
        service("publish", PUBLISH);
        configure("aem.environments", "publish");
        Beans.Author bean = start(Beans.Author.class).select(Beans.Author.class).get();

        assertThat(principal(bean.aem.path("/content/a.json").request().get(String.class)))
                .isEqualTo(AUTHOR.technicalAccountId());
        assertThat(principal(container.select(WebTarget.class, AemClient.Literal.of("publish")).get()
                .path("/p").request().get(String.class))).isEqualTo(PUBLISH.technicalAccountId());
        BeanManager beans = container.getBeanManager();
        assertThat(beans.getBeans(Object.class, jakarta.enterprise.inject.Any.Literal.INSTANCE))
                .noneMatch(candidate -> candidate.getTypes().toString().contains("HealthCheck"));
        // What MicroProfile Config asks every source, answered without touching Rest Client classes.
        assertThat(new RestClientDefaults().getValue("com.example.Missing/mp-rest/url")).isNull();
        assertThat(new RestClientDefaults().getValue("aem.author.url")).isNull();
    }
}

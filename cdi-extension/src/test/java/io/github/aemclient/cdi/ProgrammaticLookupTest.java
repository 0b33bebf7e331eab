package io.github.aemclient.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.AemClient;
import io.github.aemclient.testkit.AemStandIn;
import jakarta.enterprise.inject.UnsatisfiedResolutionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;

/** Environments listed in {@code aem.environments} exist without an injection point, and can be looked up. */
class ProgrammaticLookupTest extends CdiTestSupport {

    @Test
    void aListedEnvironmentIsConfiguredAtDeploymentAndFoundByLookup() {
        service("author", AUTHOR);
        service("publish", PUBLISH);
        configure("aem.environments", " publish , author,");
        start();

        WebTarget publish = container.select(WebTarget.class, AemClient.Literal.of("publish")).get();
        assertThat(principal(publish.path("/content/p.json").request().get(String.class)))
                .isEqualTo(PUBLISH.technicalAccountId());
        AemEnvironments environments = container.select(AemEnvironments.class).get();
        assertThat(environments.names()).containsExactly("author", "publish");
        assertThat(principal(environments.target("author").path("/a").request().get(String.class)))
                .isEqualTo(AUTHOR.technicalAccountId());
        assertThat(environments.tokenProvider("author")).isPresent();
        assertThat(environments.client("author")).isSameAs(environments.client("author"));
        assertThat(environments).hasToString("AemEnvironments[author, publish]");
    }

    @Test
    void aListedEnvironmentThatIsMisconfiguredFailsTheDeploymentSayingWhereItCameFrom() {
        configure("aem.environments", "publish");
        configure("aem.publish.url", aem.url().toString());
        configure("aem.publish.credentials-file", dir.resolve("missing.json").toString());

        assertThatThrownBy(() -> start())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("AEM environment 'publish' (listed in aem.environments) is not configured properly")
                .hasMessageContaining("aem.publish.");
    }

    @Test
    void anInvalidNameInTheListFailsTheDeploymentNamingIt() {
        configure("aem.environments", "author,not valid");

        assertThatThrownBy(() -> start()).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("'not valid' (listed in aem.environments)");
    }

    @Test
    void anUnknownEnvironmentIsAnErrorThatNamesTheListAndWhatExists() {
        service("author", AUTHOR);
        configure("aem.environments", "author");
        start();
        AemEnvironments environments = container.select(AemEnvironments.class).get();

        assertThatThrownBy(() -> environments.target("autor")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("This application has no AEM environment 'autor': its environments are those injected"
                        + " with @AemClient, used by @AemClient Rest Client interfaces and listed in aem.environments"
                        + " (now: author)");
        // CDI's own lookup answers with the container's error; AemEnvironments is the one that explains.
        assertThatThrownBy(() -> container.select(WebTarget.class, AemClient.Literal.of("autor")).get())
                .isInstanceOf(UnsatisfiedResolutionException.class);
    }

    @Test
    void withNoEnvironmentsTheErrorSaysNone() {
        start();

        assertThatThrownBy(() -> container.select(AemEnvironments.class).get().client("author"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("(now: none)");
    }

    @Test
    void theTokenProviderOfAnEnvironmentWithoutTokensIsAClearErrorOnLookup() {
        try (AemStandIn sdk = AemStandIn.startLocalSdk().allowAnonymous()) {
            configure("aem.environments", "local");
            configure("aem.local.url", sdk.url().toString());
            configure("aem.local.mode", "none");
            start();

            assertThatThrownBy(() -> container.select(AccessTokenProvider.class, AemClient.Literal.of("local")).get()
                    .getAccessToken())
                    .hasStackTraceContaining("AEM environment 'local' uses none authentication and has no access token");
            assertThat(container.select(AemEnvironments.class).get().tokenProvider("local")).isEmpty();
        }
    }
}

package io.github.aemclient.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.AccessToken;
import io.github.aemclient.support.ManualExecutor;
import io.github.aemclient.testkit.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AEM answering 401: a rejected token is replaced, but never at the cost of an IMS exchange per request. */
class RejectedTokensTest extends ImsBackedTest {

    static final Duration INTERVAL = Duration.ofSeconds(30);

    RefreshingTokenProvider provider;

    @Override
    Duration tokenLifetime() {
        return Duration.ofHours(24);
    }

    @BeforeEach
    void createProvider() {
        provider = new RefreshingTokenProvider("author", source(Duration.ofSeconds(5)), clock,
                new RefreshPolicy(0.5, Duration.ofMinutes(5), Duration.ofSeconds(30), INTERVAL), new ManualExecutor(),
                Duration.ofSeconds(10));
    }

    @Test
    void aRejectedTokenIsReplacedBeforeInvalidateReturns() {
        AccessToken first = provider.getAccessToken();

        provider.invalidate(first);

        assertThat(ims.successfulExchanges()).isEqualTo(2);
        AccessToken second = provider.getAccessToken();
        assertThat(second).isNotEqualTo(first);
        assertThat(ims.principalOf(second.value())).contains(TEST.technicalAccountId());
        assertThat(logs.messages(Level.INFO)).contains("AEM rejected the access token for environment 'author';"
                + " obtaining a new one");
    }

    @Test
    void whenAemRejectsEveryTokenRenewalsAreLimitedToOnePerIntervalAndNobodyWaitsMeanwhile() {
        AccessToken first = provider.getAccessToken();
        provider.invalidate(first);
        AccessToken second = provider.getAccessToken();

        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(1));
            provider.invalidate(second);
            assertThat(provider.getAccessToken()).as("the current token stays in use").isSameAs(second);
        }
        assertThat(ims.requests()).as("no exchange while limited").hasSize(2);

        clock.advance(INTERVAL.minusSeconds(20));
        provider.invalidate(second);
        AccessToken third = provider.getAccessToken();

        assertThat(third).isNotEqualTo(second);
        assertThat(ims.requests()).hasSize(3);
        assertThat(logs.messages(Level.WARNING)).as("one warning for the whole episode").singleElement().asString()
                .startsWith("AEM rejected 2 access tokens for environment 'author' since ")
                .contains(", new ones included: the credentials may not be authorized for this AEM environment")
                .contains("at most once every 30 s (aem.author.unauthorized-renewal-interval)")
                .doesNotContain("''");
    }

    @Test
    void aNewEpisodeAfterAQuietMinuteWarnsAgain() {
        AccessToken first = provider.getAccessToken();
        provider.invalidate(first);
        provider.invalidate(provider.getAccessToken());
        assertThat(logs.messages(Level.WARNING)).hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        AccessToken current = provider.getAccessToken();
        provider.invalidate(current);
        provider.invalidate(provider.getAccessToken());

        assertThat(logs.messages(Level.WARNING)).hasSize(2);
    }

    @Test
    void whenNoNewTokenCanBeHadTheWarningSaysSo() {
        AccessToken first = provider.getAccessToken();
        ims.enqueue(Fault.error(503, "server_error", "Service Unavailable"));
        provider.invalidate(first);
        clock.advance(Duration.ofSeconds(1));

        provider.invalidate(first);

        assertThat(logs.messages(Level.WARNING)).filteredOn(m -> m.startsWith("AEM rejected")).singleElement()
                .asString().startsWith("AEM rejected the access token for environment 'author' repeatedly since ")
                .contains(", and obtaining a new one failed (see the warning about renewing). It stays in use while"
                        + " it is valid; a new token is tried because of a 401 at most once every 30 s"
                        + " (aem.author.unauthorized-renewal-interval).");
    }

    @Test
    void aRefusalExactlyAMinuteAfterTheLastStillBelongsToTheEpisode() {
        AccessToken first = provider.getAccessToken();
        provider.invalidate(first);
        AccessToken second = provider.getAccessToken();
        provider.invalidate(second); // held back: the episode's warning
        clock.advance(Rejections.EPISODE_GAP);
        provider.invalidate(second); // a renewal again (the interval has passed), same episode
        provider.invalidate(provider.getAccessToken()); // held back again: no second warning

        assertThat(logs.messages(Level.WARNING)).filteredOn(m -> m.startsWith("AEM rejected")).hasSize(1);
    }

    @Test
    void whenTheRenewalAfterA401FailsTheRejectedTokenStaysInUse() {
        AccessToken first = provider.getAccessToken();
        ims.enqueue(Fault.error(503, "server_error", "Service Unavailable"));

        provider.invalidate(first);

        assertThat(provider.getAccessToken()).isSameAs(first);
        assertThat(ims.requests()).hasSize(2);
        assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                .contains("Renewing the access token for environment 'author' failed; the current token stays in use");
    }

    @Test
    void aLateReportAboutAReplacedTokenChangesNothing() {
        AccessToken first = provider.getAccessToken();
        provider.invalidate(first);
        AccessToken second = provider.getAccessToken();

        provider.invalidate(first);

        assertThat(provider.getAccessToken()).isSameAs(second);
        assertThat(ims.requests()).hasSize(2);
    }

    @Test
    void sixtyFourConcurrentRejectionsOfOneTokenCauseOneExchange() throws Exception {
        AccessToken first = provider.getAccessToken();
        ims.enqueue(Fault.delay(Duration.ofMillis(300)));
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<AccessToken>> after = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                after.add(pool.submit(() -> {
                    go.await();
                    provider.invalidate(first);
                    return provider.getAccessToken();
                }));
            }
            go.countDown();
            for (Future<AccessToken> token : after) {
                assertThat(token.get(10, TimeUnit.SECONDS)).as("each caller sees the replacement").isNotEqualTo(first);
            }
            assertThat(ims.requests()).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.github.aemclient.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshPolicyTest {

    static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");

    @Test
    void aDayLongImsTokenIsRenewedAtHalfLifeAndUsedUntilFiveMinutesBeforeExpiry() {
        RefreshPolicy policy = RefreshPolicy.defaults();
        Instant expiry = T0.plus(Duration.ofHours(24));

        assertThat(policy.refreshAt(T0, expiry)).isEqualTo(T0.plus(Duration.ofHours(12)));
        assertThat(policy.usableUntil(T0, expiry)).isEqualTo(expiry.minus(Duration.ofMinutes(5)));
    }

    @Test
    void theMarginShrinksForShortLivedTokens() {
        RefreshPolicy policy = RefreshPolicy.defaults();
        Instant expiry = T0.plusSeconds(10);

        assertThat(policy.usableUntil(T0, expiry)).isEqualTo(T0.plusSeconds(9));
        assertThat(policy.refreshAt(T0, expiry)).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void renewalNeverComesAfterTheTokenStopsBeingUsable() {
        RefreshPolicy late = new RefreshPolicy(0.99, Duration.ofMinutes(30), Duration.ofSeconds(30));
        Instant expiry = T0.plus(Duration.ofHours(24));

        assertThat(late.refreshAt(T0, expiry)).isEqualTo(late.usableUntil(T0, expiry))
                .isEqualTo(expiry.minus(Duration.ofMinutes(30)));
    }

    @Test
    void ratioMustLieStrictlyBetweenZeroAndOne() {
        assertThatThrownBy(() -> new RefreshPolicy(1.0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RefreshPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

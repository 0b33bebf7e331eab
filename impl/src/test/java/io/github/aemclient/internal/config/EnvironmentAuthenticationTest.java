package io.github.aemclient.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The parts of {@link EnvironmentAuthentication} its environments' tests cannot see from outside. */
class EnvironmentAuthenticationTest {

    @Test
    void closingReleasesEveryResourceAndThrowsTheFirstFailureWithTheOthersSuppressed() {
        List<String> closed = new ArrayList<>();
        IllegalStateException first = new IllegalStateException("first");
        IOException second = new IOException("second");

        assertThatThrownBy(() -> EnvironmentAuthentication.closeAll(() -> {
            closed.add("a");
            throw first;
        }, () -> {
            closed.add("b");
            throw second;
        }, () -> closed.add("c"))).isSameAs(first).satisfies(e -> assertThat(e.getSuppressed()).containsExactly(second));
        assertThat(closed).containsExactly("a", "b", "c");
    }

    @Test
    void retriesAreSpreadByAFreshDrawFromZeroToOneEachTime() {
        Set<Double> draws = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            double draw = EnvironmentAuthentication.JITTER.getAsDouble();
            assertThat(draw).isGreaterThanOrEqualTo(0).isLessThan(1);
            draws.add(draw);
        }
        assertThat(draws).as("distinct draws out of 200").hasSizeGreaterThan(190);
        assertThat(draws).anySatisfy(d -> assertThat(d).isLessThan(0.5)).anySatisfy(d -> assertThat(d).isGreaterThan(0.5));
    }

    @Test
    void withoutAManagedExecutorARenewalRunsOnADaemonThreadNamedForItsEnvironment() throws Exception {
        // a daemon: a renewal waiting for IMS must not keep a plain Java application from exiting
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);

        EnvironmentAuthentication.daemonThreadPerTask("author").execute(() -> {
            ranOn.set(Thread.currentThread());
            ran.countDown();
        });

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ranOn.get().getName()).isEqualTo("aem-token-renewal-author");
        assertThat(ranOn.get().isDaemon()).isTrue();
    }
}

package io.github.aemclient.cdi;

import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.client.EnvironmentHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;

/**
 * The readiness check {@code aem-<env>} of one environment (see {@link EnvironmentHealth} for when it is
 * UP), with the mode, URL, token expiry, last failure and, for service credentials, the certificate's
 * expiry and days left ({@code certificate-expires-soon} under {@value #CERTIFICATE_WARNING_DAYS} days, still
 * UP). Never a liveness check: IMS being unavailable must not make the orchestrator restart the application.
 * A probe never waits for IMS (see {@link AemEnvironment#health()}).
 */
final class AemReadinessCheck implements HealthCheck {

    static final int CERTIFICATE_WARNING_DAYS = 30;

    private final String environment;
    private final Supplier<AemEnvironment> aem;
    private final Clock clock;

    AemReadinessCheck(String environment, Supplier<AemEnvironment> aem, Clock clock) {
        this.environment = Objects.requireNonNull(environment);
        this.aem = Objects.requireNonNull(aem);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * The response is built with its constructor, not {@code HealthCheckResponse.named(...)}: that looks for
     * the server's response provider, which some servers only make visible to their own checks.
     */
    @Override
    public HealthCheckResponse call() {
        Map<String, Object> data = new LinkedHashMap<>();
        AemEnvironment environment;
        EnvironmentHealth health;
        try {
            environment = aem.get();
            health = environment.health();
        } catch (RuntimeException notAvailable) {
            // Not configured (the deployment reported it) or closed (the application is stopping).
            data.put("reason", String.valueOf(notAvailable.getMessage()));
            return new HealthCheckResponse(name(), Status.DOWN, Optional.of(data));
        }
        data.put("reason", health.reason());
        data.put("mode", environment.mode().configName());
        data.put("url", environment.url().toString());
        health.tokenValidUntil().ifPresent(at -> data.put("token-valid-until", at.toString()));
        health.lastFailure().ifPresent(failure -> data.put("last-failure", failure));
        health.lastFailureAt().ifPresent(at -> data.put("last-failure-at", at.toString()));
        health.certificateExpiresAt().ifPresent(expiry -> {
            long daysLeft = Duration.between(Instant.now(clock), expiry).toDays();
            data.put("certificate-expires-at", expiry.toString());
            data.put("certificate-days-left", daysLeft);
            data.put("certificate-expires-soon", daysLeft < CERTIFICATE_WARNING_DAYS);
        });
        return new HealthCheckResponse(name(), health.isReady() ? Status.UP : Status.DOWN, Optional.of(data));
    }

    private String name() {
        return "aem-" + environment;
    }

    @Override
    public String toString() {
        return "AemReadinessCheck[" + name() + "]";
    }
}

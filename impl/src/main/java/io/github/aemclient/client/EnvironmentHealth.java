package io.github.aemclient.client;

import io.github.aemclient.AemClientException;
import io.github.aemclient.ImsException;
import io.github.aemclient.internal.token.TokenState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an environment can authenticate calls now, as a readiness check reports it; taken by
 * {@link AemEnvironment#health()} from what the environment holds, without waiting for IMS. Not ready when
 * no valid token is held and the last attempt failed (IMS refused the configuration, {@code invalid_client}
 * say, or could not be reached), or when a local development token has expired; while not ready, a
 * background attempt is started at most once per {@code refresh-retry-interval}, so readiness comes back
 * without a caller. Ready when a valid token is held (a refusal at the last renewal is then only shown),
 * when the environment needs none (basic or no authentication), and before the first token is obtained
 * (the first call obtains it). Carries no secret: a failure of this library is shown by its message, any
 * other by its class name.
 */
public final class EnvironmentHealth {

    private final boolean ready;
    private final String reason;
    private final Instant tokenValidUntil;
    private final String lastFailure;
    private final Instant lastFailureAt;
    private final Instant certificateExpiresAt;

    EnvironmentHealth(boolean ready, String reason, Optional<Instant> tokenValidUntil, Optional<Throwable> lastFailure,
            Optional<Instant> lastFailureAt, Optional<Instant> certificateExpiresAt) {
        this.ready = ready;
        this.reason = Objects.requireNonNull(reason);
        this.tokenValidUntil = tokenValidUntil.orElse(null);
        this.lastFailure = lastFailure.map(EnvironmentHealth::describe).orElse(null);
        this.lastFailureAt = lastFailureAt.orElse(null);
        this.certificateExpiresAt = certificateExpiresAt.orElse(null);
    }

    /**
     * The rules above, applied to what the environment holds.
     *
     * @param held the token provider's state; empty for environments that need no token
     */
    static EnvironmentHealth of(AuthMode mode, Optional<TokenState> held, Optional<Instant> certificate) {
        if (held.isEmpty()) {
            return new EnvironmentHealth(true, "no token needed (" + mode.configName() + " authentication)",
                    Optional.empty(), Optional.empty(), Optional.empty(), certificate);
        }
        TokenState state = held.get();
        Throwable failure = state.lastFailure().orElse(null);
        boolean configurationRefused = failure instanceof ImsException ims && ims.isConfigurationError();
        boolean ready;
        String reason;
        if (state.validUntil().isPresent()) {
            // Still able to call AEM: a refusal at the last renewal is shown, but does not take the instance
            // out of service (every instance would go at once, for what may be a passing IMS or proxy error).
            ready = true;
            reason = configurationRefused ? "a valid token is held, but IMS refused the configuration at the last"
                    + " renewal" : "a valid token is held";
        } else if (configurationRefused) {
            ready = false;
            reason = "IMS refused the configuration at the last attempt";
        } else if (failure != null) {
            ready = false;
            reason = mode == AuthMode.DEVELOPER ? "the local development token cannot be used"
                    : "no valid token is held and obtaining one failed";
        } else {
            ready = true;
            reason = "no token obtained yet: the first call obtains one";
        }
        return new EnvironmentHealth(ready, reason, state.validUntil(), state.lastFailure(), state.lastFailureAt(),
                certificate);
    }

    /** This library's messages are written to carry no secret; another exception's message may. */
    private static String describe(Throwable failure) {
        return failure instanceof AemClientException && failure.getMessage() != null
                ? failure.getMessage() : failure.getClass().getName();
    }

    /** {@return whether calls can be authenticated now (or will be, by the first call)} */
    public boolean isReady() {
        return ready;
    }

    /** {@return one line saying why, e.g. "a valid token is held"} */
    public String reason() {
        return reason;
    }

    /** {@return when the token held now expires; empty when none is held or none is needed} */
    public Optional<Instant> tokenValidUntil() {
        return Optional.ofNullable(tokenValidUntil);
    }

    /** {@return the message of the last failure to obtain a token, unless a success came after it} */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** {@return when {@link #lastFailure()} happened} */
    public Optional<Instant> lastFailureAt() {
        return Optional.ofNullable(lastFailureAt);
    }

    /**
     * {@return when the certificate of the service credentials expires (it is in the credentials file as
     * {@code publicKey}); empty for other kinds of credentials, or when the file has none}
     */
    public Optional<Instant> certificateExpiresAt() {
        return Optional.ofNullable(certificateExpiresAt);
    }

    @Override
    public String toString() {
        return "EnvironmentHealth[" + (ready ? "ready" : "not ready") + ": " + reason
                + tokenValidUntil().map(at -> ", token valid until " + at).orElse("")
                + lastFailure().map(failure -> ", last failure: " + failure).orElse("")
                + certificateExpiresAt().map(at -> ", certificate expires " + at).orElse("") + "]";
    }
}

package io.github.aemclient.token;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AemClientException;
import io.github.aemclient.ImsException;
import io.github.aemclient.ImsUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/** Retries transient IMS failures of another source as its {@link RetryPolicy} says. */
public final class RetryingTokenSource implements TokenSource {

    private static final System.Logger LOG = System.getLogger(RetryingTokenSource.class.getName());

    private final String environment;
    private final TokenSource delegate;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    /**
     * @param random uniform in [0, 1), for the jitter
     */
    public RetryingTokenSource(String environment, TokenSource delegate, RetryPolicy policy, Clock clock,
            Sleeper sleeper, DoubleSupplier random) {
        this.environment = Objects.requireNonNull(environment);
        this.delegate = Objects.requireNonNull(delegate);
        this.policy = Objects.requireNonNull(policy);
        this.clock = Objects.requireNonNull(clock);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.random = Objects.requireNonNull(random);
    }

    @Override
    public AccessToken fetch() {
        Instant start = clock.instant();
        Instant deadline = start.plus(policy.maxDuration());
        for (int attempt = 1; ; attempt++) {
            try {
                return delegate.fetch();
            } catch (AemClientException e) {
                if (!RetryPolicy.isRetryable(e) || policy.maxAttempts() == 1 || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (attempt >= policy.maxAttempts()) {
                    throw exhausted(e, attempt + " attempts", start);
                }
                Duration wait = waitBefore(attempt, e);
                if (clock.instant().plus(wait).isAfter(deadline)) {
                    throw exhausted(e, attempt + (attempt == 1 ? " attempt" : " attempts")
                            + "; the next would start after the retry budget of " + policy.maxDuration().toMillis()
                            + " ms (aem." + environment + ".retry-max-duration)", start);
                }
                LOG.log(Level.DEBUG, "IMS attempt {0} for environment ''{1}'' failed ({2}); retrying in {3} ms",
                        attempt, environment, e.getMessage(), wait.toMillis());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw exhausted(e, attempt + " attempts, then interrupted", start);
                }
            }
        }
    }

    private Duration waitBefore(int attempt, AemClientException e) {
        if (e instanceof ImsException) {
            Optional<Duration> asked = ((ImsException) e).retryAfter();
            if (asked.isPresent()) {
                return asked.get();
            }
        }
        return policy.backoff(attempt, random.getAsDouble());
    }

    /** The last failure, its message saying how much was tried. */
    private AemClientException exhausted(AemClientException last, String tried, Instant start) {
        String message = last.getMessage() + " (gave up after " + tried + " in "
                + Duration.between(start, clock.instant()).toMillis() + " ms)";
        if (last instanceof ImsException) {
            return ImsExceptions.withMessage((ImsException) last, message);
        }
        if (last instanceof ImsUnavailableException) {
            return new ImsUnavailableException(message, last.getCause());
        }
        return last;
    }
}

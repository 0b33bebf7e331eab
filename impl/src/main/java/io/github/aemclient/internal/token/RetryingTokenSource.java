package io.github.aemclient.internal.token;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AemClientException;
import io.github.aemclient.ImsException;
import io.github.aemclient.ImsUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
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
        int failures = 0;
        int throttles = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return delegate.fetch();
            } catch (AemClientException e) {
                if (!RetryPolicy.isRetryable(e) || policy.maxAttempts() == 1 || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                boolean throttled = RetryPolicy.isThrottling(e);
                Duration retryAfter = e instanceof ImsException ims ? ims.retryAfter().orElse(null) : null;
                Duration wait;
                if (throttled) {
                    throttles++;
                    wait = policy.throttledWait(throttles, retryAfter, random.getAsDouble());
                } else {
                    failures++;
                    if (failures >= policy.maxAttempts()) {
                        throw exhausted(e, attempts(attempt), start);
                    }
                    wait = retryAfter != null ? retryAfter : policy.backoff(failures, random.getAsDouble());
                }
                Instant now = clock.instant();
                Duration asked = retryAfter != null ? retryAfter : wait;
                if (now.plus(asked).isAfter(deadline)) {
                    throw exhausted(e, attempts(attempt) + "; the next would start after the retry budget of "
                            + policy.maxDuration().toMillis() + " ms (aem." + environment + ".retry-max-duration)", start);
                }
                if (now.plus(wait).isAfter(deadline)) {
                    wait = Duration.between(now, deadline); // the spread is a courtesy; the budget is a promise
                }
                LOG.log(Level.DEBUG, "IMS attempt {0} for environment ''{1}'' failed ({2}); retrying in {3} ms",
                        Integer.toString(attempt), environment, e.getMessage(), Long.toString(wait.toMillis()));
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw exhausted(e, attempts(attempt) + ", then interrupted", start);
                }
            }
        }
    }

    private static String attempts(int attempts) {
        return attempts + (attempts == 1 ? " attempt" : " attempts");
    }

    /** The last failure, its message saying how much was tried. */
    private AemClientException exhausted(AemClientException last, String tried, Instant start) {
        String message = last.getMessage() + " (gave up after " + tried + " in "
                + Duration.between(start, clock.instant()).toMillis() + " ms)";
        // Only retryable failures get here: IMS's answers and IMS being unavailable.
        if (last instanceof ImsException ims) {
            return ImsExceptions.withMessage(ims, message);
        }
        return new ImsUnavailableException(message, last.getCause());
    }
}

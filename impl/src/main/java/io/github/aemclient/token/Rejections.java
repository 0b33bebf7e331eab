package io.github.aemclient.token;

import io.github.aemclient.AccessToken;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * What AEM's 401 answers say about one environment's tokens. A 401 may cause a renewal at most once per
 * interval: when AEM rejects every token (a technical account without permission on this environment,
 * credentials of another environment), renewing on each 401 would turn every request into an IMS exchange
 * and throw away a token that is as good as any new one. When a token is rejected while renewals are held
 * back, one warning per episode says what that likely means; an episode ends after a minute without a
 * rejected token.
 */
final class Rejections {

    private static final System.Logger LOG = System.getLogger(Rejections.class.getName());
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final String environment;
    private final long renewalIntervalMillis;

    /** When each distinct token rejected within the window was first rejected; guarded by this. */
    private final ArrayDeque<Long> rejectedAt = new ArrayDeque<>();
    private AccessToken lastRejected;
    private long lastRenewalAt;
    private boolean renewedBefore;
    private boolean warnedThisEpisode;

    Rejections(String environment, Duration renewalInterval) {
        this.environment = Objects.requireNonNull(environment);
        this.renewalIntervalMillis = renewalInterval.toMillis();
    }

    /** AEM answered 401 to {@code token}, the current token. */
    synchronized void record(AccessToken token, long nowMillis) {
        while (!rejectedAt.isEmpty() && rejectedAt.peekFirst() <= nowMillis - WINDOW.toMillis()) {
            rejectedAt.pollFirst();
        }
        if (rejectedAt.isEmpty()) {
            warnedThisEpisode = false;
        }
        if (!token.equals(lastRejected)) {
            lastRejected = token;
            rejectedAt.addLast(nowMillis);
        }
    }

    /**
     * Whether a renewal because of a 401 may start now; if so, the next one may start only after the interval.
     * When not, the first time in an episode, a warning says why AEM likely keeps refusing tokens.
     */
    synchronized boolean tryRenewal(long nowMillis) {
        if (!renewedBefore || nowMillis - lastRenewalAt >= renewalIntervalMillis) {
            renewedBefore = true;
            lastRenewalAt = nowMillis;
            LOG.log(Level.INFO, "AEM rejected the access token for environment ''{0}''; obtaining a new one",
                    environment);
            return true;
        }
        if (!warnedThisEpisode) {
            warnedThisEpisode = true;
            LOG.log(Level.WARNING, "AEM rejected {0} access token(s) for environment ''{1}'' in the last minute,"
                    + " including one obtained {2} s ago because of an earlier rejection: the credentials may not be"
                    + " authorized for this AEM environment (a technical account without permissions there, or"
                    + " credentials of another environment). A new token is obtained because of a 401 at most once"
                    + " every {3} s (aem.{1}.unauthorized-renewal-interval); meanwhile requests carry the current"
                    + " token and get AEM''s answer.", rejectedAt.size(), environment,
                    (nowMillis - lastRenewalAt) / 1000, renewalIntervalMillis / 1000);
        }
        return false;
    }
}

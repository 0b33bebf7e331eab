package io.github.aemclient.internal.token;

import io.github.aemclient.AccessToken;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What AEM's 401 answers say about one environment's tokens. A 401 may cause a renewal at most once per
 * interval: when AEM rejects every token (a technical account without permission on this environment,
 * credentials of another environment), renewing on each 401 would turn every request into an IMS exchange
 * and throw away a token that is as good as any new one. When a report is held back, one warning per
 * episode says what that likely means; an episode ends when a minute passes without any report.
 *
 * <p>Not thread-safe on its own: the token provider calls it while holding its monitor, so that deciding
 * on a renewal and publishing it are one step.
 */
final class Rejections {

    private static final System.Logger LOG = System.getLogger(Rejections.class.getName());
    static final Duration EPISODE_GAP = Duration.ofMinutes(1);

    private final String environment;
    private final long renewalIntervalMillis;

    private long lastReportAt;
    private long episodeStart;
    private int distinctTokens;
    private AccessToken lastRejected;
    private boolean warnedThisEpisode;

    private boolean renewedBefore;
    private long lastRenewalAt;
    private boolean previousRenewedBefore;
    private long previousRenewalAt;

    Rejections(String environment, Duration renewalInterval) {
        this.environment = Objects.requireNonNull(environment);
        this.renewalIntervalMillis = renewalInterval.toMillis();
    }

    /** AEM answered 401 to {@code token}, the current token. */
    void record(AccessToken token, long nowMillis) {
        if (distinctTokens == 0 || nowMillis - lastReportAt > EPISODE_GAP.toMillis()) {
            episodeStart = nowMillis;
            distinctTokens = 0;
            lastRejected = null;
            warnedThisEpisode = false;
        }
        lastReportAt = nowMillis;
        if (!token.equals(lastRejected)) {
            lastRejected = token;
            distinctTokens++;
        }
    }

    /** Whether a 401 may cause a renewal now, without taking the chance. */
    private boolean mayRenew(long nowMillis) {
        return !renewedBefore || nowMillis - lastRenewalAt >= renewalIntervalMillis;
    }

    /** Takes the chance to renew because of a 401, if the interval allows; the next comes an interval later. */
    boolean tryRenewal(long nowMillis) {
        if (!mayRenew(nowMillis)) {
            return false;
        }
        previousRenewedBefore = renewedBefore;
        previousRenewalAt = lastRenewalAt;
        renewedBefore = true;
        lastRenewalAt = nowMillis;
        LOG.log(Level.INFO, "AEM rejected the access token for environment ''{0}''; obtaining a new one", environment);
        return true;
    }

    /** The renewal the last {@link #tryRenewal} allowed was given up unasked (its caller was interrupted). */
    void release() {
        renewedBefore = previousRenewedBefore;
        lastRenewalAt = previousRenewalAt;
    }

    /**
     * A report changed nothing because renewals are held back; the first time in an episode, a warning says
     * why AEM likely keeps refusing, in words that fit whether new tokens were refused too or could not be had.
     */
    void heldBack(boolean renewalFailing) {
        if (warnedThisEpisode) {
            return;
        }
        warnedThisEpisode = true;
        String interval = Long.toString(renewalIntervalMillis / 1000);
        String since = Instant.ofEpochMilli(episodeStart).toString();
        if (distinctTokens > 1) {
            LOG.log(Level.WARNING, "AEM rejected {0} access tokens for environment ''{1}'' since {2}, new ones"
                    + " included: the credentials may not be authorized for this AEM environment (a technical"
                    + " account without permissions there, or credentials of another environment). A new token is"
                    + " obtained because of a 401 at most once every {3} s (aem.{1}.unauthorized-renewal-interval);"
                    + " meanwhile requests carry the current token and get AEM''s answer.",
                    Integer.toString(distinctTokens), environment, since, interval);
        } else {
            LOG.log(Level.WARNING, "AEM rejected the access token for environment ''{0}'' repeatedly since {1}{2}."
                    + " It stays in use while it is valid; a new token is tried because of a 401 at most once every"
                    + " {3} s (aem.{0}.unauthorized-renewal-interval).", environment, since,
                    renewalFailing ? ", and obtaining a new one failed (see the warning about renewing)" : "",
                    interval);
        }
    }
}

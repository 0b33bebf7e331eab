package io.github.aemclient.internal.token;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.AemClientException;
import io.github.aemclient.TokenExpiredException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Serves a local development token, which cannot be renewed: it is used until it expires, then every
 * call fails with a {@link TokenExpiredException} saying to download a new one. A token read from a file
 * is read again once it has expired or AEM rejected it, so saving a new token to the file is enough —
 * no restart needed.
 */
public final class DeveloperTokenProvider implements AccessTokenProvider, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DeveloperTokenProvider.class.getName());
    static final Duration LOW_TIME_WARNING = Duration.ofHours(1);
    /** A token this close to expiry would likely expire in flight. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

    private final String environment;
    private final String source;
    private final Supplier<String> text;
    private final boolean rereadable;
    private final Clock clock;

    private volatile AccessToken current;
    private volatile boolean rereadRequested;
    private volatile AccessToken warnedAbout;
    private volatile AccessToken warnedRejected;
    private volatile boolean closed;

    /**
     * @param text supplies the token text; called again later only when {@code rereadable}
     */
    public DeveloperTokenProvider(String environment, String source, Supplier<String> text, boolean rereadable,
            Clock clock) {
        this.environment = Objects.requireNonNull(environment);
        this.source = Objects.requireNonNull(source);
        this.text = Objects.requireNonNull(text);
        this.rereadable = rereadable;
        this.clock = Objects.requireNonNull(clock);
        this.current = DeveloperTokens.parse(text.get(), source);
        if (current.isExpiredAt(clock.instant())) {
            LOG.log(Level.WARNING, "The local development token for environment ''{0}'' in {1} expired at {2};"
                    + " calls will fail until a new one is configured", environment, source, current.expiresAt());
        }
    }

    /** Refuses every later call with an {@link IllegalStateException}. Closing twice is harmless. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public AccessToken getAccessToken() {
        if (closed) {
            throw new IllegalStateException("AEM environment '" + environment + "' is closed: its token provider"
                    + " gives no more tokens");
        }
        Instant now = clock.instant();
        AccessToken token = current;
        if (rereadable && (rereadRequested || unusable(token, now))) {
            token = reread();
        }
        if (unusable(token, now)) {
            throw new TokenExpiredException("The local development token for environment '" + environment + "' in "
                    + source + " expired at " + token.expiresAt() + "; local development tokens last 24 hours and"
                    + " cannot be renewed: get a new one from the AEM Developer Console (Integrations > Local token"
                    + " > Get Local Development Token)" + (rereadable ? " and save it to " + source : ""),
                    token.expiresAt());
        }
        warnIfRunningOut(token, now);
        return token;
    }

    /** The token, or why it cannot be used (expired, unreadable): local checks only, as {@link #getAccessToken()}. */
    public TokenState heldState() {
        try {
            return new TokenState(Optional.of(getAccessToken().expiresAt()), Optional.empty(), Optional.empty());
        } catch (TokenExpiredException e) {
            return new TokenState(Optional.empty(), Optional.of(e), Optional.of(e.expiredAt()));
        } catch (AemClientException e) {
            return new TokenState(Optional.empty(), Optional.of(e), Optional.of(clock.instant()));
        }
    }

    @Override
    public void invalidate(AccessToken token) {
        if (token.equals(current) && !token.equals(warnedRejected)) {
            // Once per token: AEM may refuse every request, and a log line per request would bury the cause.
            warnedRejected = token;
            LOG.log(Level.WARNING, "AEM rejected the local development token for environment ''{0}'' from {1}"
                    + " (revoked, or for another environment?)", environment, source);
        }
        if (token.equals(current)) {
            rereadRequested = rereadable;
        }
    }

    private synchronized AccessToken reread() {
        rereadRequested = false;
        AccessToken reread = DeveloperTokens.parse(text.get(), source);
        if (!reread.equals(current)) {
            LOG.log(Level.INFO, "Read a new local development token for environment ''{0}'' from {1}, valid until {2}",
                    environment, source, reread.expiresAt());
            current = reread;
        }
        return current;
    }

    private static boolean unusable(AccessToken token, Instant now) {
        return !now.plus(EXPIRY_MARGIN).isBefore(token.expiresAt());
    }

    private void warnIfRunningOut(AccessToken token, Instant now) {
        if (warnedAbout != token && Duration.between(now, token.expiresAt()).compareTo(LOW_TIME_WARNING) < 0) {
            warnedAbout = token;
            LOG.log(Level.WARNING, "The local development token for environment ''{0}'' expires at {1}, in less than"
                    + " an hour; get a new one from the AEM Developer Console", environment, token.expiresAt());
        }
    }
}

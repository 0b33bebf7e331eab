package io.github.aemclient.internal.filter;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Authenticates requests to one AEM environment. Only requests whose scheme, host and port are those of
 * the configured AEM URL get credentials; a request the same client sends anywhere else goes out
 * untouched, and so does one a later filter sends elsewhere ({@link #originGuard()}). When AEM answers
 * 401, the token that request carried is dropped; if a new one can be had and the request is idempotent
 * with a re-sendable entity, it is sent once more with the new token and its answer replaces the 401 (see
 * {@link Replay}); a second 401 goes back to the caller.
 *
 * <p>Failures to obtain a token surface from the JAX-RS call as a {@code ProcessingException} whose cause
 * is the library's exception ({@code ImsException}, {@code TokenExpiredException}, ...).
 */
@Priority(Priorities.AUTHENTICATION)
public final class AemAuthenticationFilter implements ClientRequestFilter, ClientResponseFilter {

    /**
     * A client property: a {@link jakarta.ws.rs.client.Client} carrying this environment's filters, through
     * which a request AEM answered 401 is sent again, with the headers it was sent with, instead of through
     * its own client. For clients whose implementation can only send requests it built itself, such as a
     * MicroProfile Rest Client proxy. Since that client may lack the writers the request's own client had,
     * only requests without a body or with a text, bytes or form body are replayed this way; others get the
     * 401 (the token is renewed for the next call either way).
     */
    public static final String REPLAY_CLIENT = "io.github.aemclient.replay-client";

    /**
     * A client property: {@code false} turns the replay after a 401 off for that client (the token is still
     * renewed for the next call): for a client that can neither send a copy itself nor have it sent the
     * same way by another (a Rest Client with a trust store or proxy of its own).
     */
    public static final String REPLAY = "io.github.aemclient.replay";

    /**
     * The response side's priority, the highest: response filters run from the highest priority down, so
     * this one sees AEM's 401 before any other (the application's, a Rest Client's), and one of those that
     * throws on errors cannot keep the rejected token from being dropped. A replay through a replay client
     * happens here, and every other response filter sees its answer; a replay through the request's own
     * client waits for {@link #pendingReplays()}, so that the response filters of that client, which run
     * again inside the replay, do not run twice on its answer.
     */
    public static final int RESPONSE_PRIORITY = Integer.MAX_VALUE;

    private static final Logger LOG = System.getLogger(AemAuthenticationFilter.class.getName());

    /** A request property: the request is to be replayed through its own client by {@link #pendingReplays()}. */
    static final String PENDING_REPLAY = "io.github.aemclient.pending-replay";

    /**
     * A request property: what this filter put as {@code Authorization}, for {@link #originGuard()} to take off
     * again if the request is sent elsewhere. One name serves: a client carries one environment's filters
     * ({@code AemEnvironment.applyTo} refuses a second).
     */
    static final String AUTHENTICATED = "io.github.aemclient.authenticated";

    private final Origin aemOrigin;
    private final RequestAuthenticator authenticator;
    private final ClientRequestFilter snapshots;
    private final ClientResponseFilter pendingReplays;
    private final ClientRequestFilter originGuard;

    public AemAuthenticationFilter(Origin aemOrigin, RequestAuthenticator authenticator) {
        this.aemOrigin = Objects.requireNonNull(aemOrigin);
        this.authenticator = Objects.requireNonNull(authenticator);
        this.snapshots = new RequestSnapshot.Filter();
        this.pendingReplays = new PendingReplays();
        this.originGuard = new OriginGuard();
    }

    /**
     * A response filter to register beside this one (it carries its own priority, {@code AUTHENTICATION}):
     * it replays through the request's own client a request this filter found rejected, after the response
     * filters of higher priority (the application's, usually) saw the 401, so that they see the replay's
     * answer once, inside the replay.
     */
    public ClientResponseFilter pendingReplays() {
        return pendingReplays;
    }

    /**
     * A request filter to register beside this one (it carries its own, lowest, priority): it records each
     * request to AEM before any other filter changes it, so that a replay after a 401 sends the request as
     * the application built it and filters run on it afresh. Without it, a replay copies the request as
     * the filters left it.
     */
    public ClientRequestFilter requestSnapshots() {
        return snapshots;
    }

    /**
     * A request filter to register beside this one (it carries its own, highest, priority): filters after
     * this one (the application's, at the usual priority {@code USER}) may still send the request elsewhere
     * ({@code setUri}); it then goes without the credentials this filter put on it.
     */
    public ClientRequestFilter originGuard() {
        return originGuard;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (aemOrigin.matches(request.getUri())) {
            Object put = authenticator.authenticate(request);
            if (put != null) {
                request.setProperty(AUTHENTICATED, put);
            }
        }
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (response.getStatus() != 401 || !aemOrigin.matches(request.getUri())) {
            return;
        }
        if (Replay.isReplay(request)) {
            // The replay carried a token obtained moments ago: its 401 says nothing new, and dropping that
            // token would make every rejected request cost two IMS exchanges.
            return;
        }
        boolean replayable = Replay.isAllowed(request);
        if (authenticator.rejected(request, replayable)) {
            if (Replay.isThroughReplayClient(request)) {
                Replay.into(request, response);
            } else {
                request.setProperty(PENDING_REPLAY, Boolean.TRUE);
            }
        }
    }

    /**
     * Runs after the other request filters (those of the highest priority too may run after it: the order of
     * filters of equal priority is the implementation's) and takes the credentials off a request this filter
     * authenticated and a later filter sent to another origin. Said once per environment as a warning (it is a
     * configuration mistake to fix), then at debug level.
     */
    @Priority(Integer.MAX_VALUE)
    final class OriginGuard implements ClientRequestFilter {
        private final AtomicBoolean warned = new AtomicBoolean();

        @Override
        public void filter(ClientRequestContext request) {
            Object put = request.getProperty(AUTHENTICATED);
            URI uri = request.getUri();
            if (put == null || aemOrigin.matches(uri) || !authenticator.withdraw(request, put)) {
                return;
            }
            Level level = warned.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
            LOG.log(level, () -> "A request filter sent a request authenticated for " + aemOrigin + " to "
                    + Origin.describe(uri) + "; it went without the credentials, which only go to the environment's"
                    + " url. To reach AEM through another host (a gateway), make that host the url; a filter that"
                    + " routes requests must run before authentication (priority below Priorities.AUTHENTICATION)");
        }
    }

    /** Replays what {@link AemAuthenticationFilter} left pending, if the answer is still the 401. */
    @Priority(Priorities.AUTHENTICATION)
    static final class PendingReplays implements ClientResponseFilter {
        @Override
        public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
            if (request.getProperty(PENDING_REPLAY) == null) {
                return;
            }
            // Not carried into the replay, which copies the request's properties.
            request.removeProperty(PENDING_REPLAY);
            if (response.getStatus() == 401) {
                Replay.into(request, response);
            }
        }
    }

    @Override
    public String toString() {
        return "AemAuthenticationFilter[origin=" + aemOrigin + ", " + authenticator + "]";
    }
}

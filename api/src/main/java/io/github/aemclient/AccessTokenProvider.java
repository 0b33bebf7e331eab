package io.github.aemclient;

/**
 * Hands out a current bearer token for one AEM environment.
 *
 * <p>Implementations are thread-safe and cheap to call on every request: a valid cached token is
 * returned without blocking, and renewing it is their business, not the caller's.
 */
public interface AccessTokenProvider {

    /**
     * {@return a token that is valid now} Never null, never expired when returned.
     *
     * @throws ImsException when IMS refused to issue a token
     * @throws ImsUnavailableException when IMS could not be reached in time
     * @throws TokenExpiredException when the configured token has expired and cannot be renewed here
     * @throws AemConfigurationException when the environment's configuration is unusable
     * @throws AemClientException for any other reason there is no token, e.g. the calling thread was
     *         interrupted; the message says which
     */
    AccessToken getAccessToken();

    /**
     * Reports that AEM rejected {@code token} (it answered 401), so that the next {@link #getAccessToken()}
     * hands out a new one. A token other than the current one is ignored, so a late report never throws
     * away a token refreshed in the meantime.
     *
     * <p>Providers that obtain tokens (service credentials) do so before this method returns, waiting at
     * most as long as one acquisition may take; if that fails, the rejected token stays in use while it is
     * valid (AEM may have refused it by mistake, and no token at all would be worse). They obtain a new token
     * because of a rejection at most once per interval ({@code aem.<env>.unauthorized-renewal-interval}):
     * when AEM refuses every token, reports within the interval change nothing and return at once. Providers
     * of a token that cannot be renewed (a local development token) read it again from its file, if any,
     * on the next {@link #getAccessToken()}. Never throws because a new token could not be had: the next
     * {@link #getAccessToken()} says why.
     *
     * @param token the token AEM rejected
     */
    void invalidate(AccessToken token);
}

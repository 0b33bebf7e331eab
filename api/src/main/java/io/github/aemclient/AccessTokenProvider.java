package io.github.aemclient;

/**
 * Hands out a current bearer token for one AEM environment.
 *
 * <p>Implementations are thread-safe and cheap to call on every request: a valid cached token is
 * returned without blocking, and renewing it is their business, not the caller's.
 */
public interface AccessTokenProvider {

    /**
     * A token that is valid now.
     *
     * @throws ImsException when IMS refused to issue a token
     * @throws ImsUnavailableException when IMS could not be reached in time
     * @throws TokenExpiredException when the configured token has expired and cannot be renewed here
     * @throws AemConfigurationException when the environment's configuration is unusable
     */
    AccessToken getAccessToken();

    /**
     * Reports that AEM rejected {@code token} (it answered 401): the provider stops handing it out and the
     * next {@link #getAccessToken()} obtains a new one. A token other than the current one is ignored, so
     * a late report never throws away a token refreshed in the meantime.
     */
    void invalidate(AccessToken token);
}

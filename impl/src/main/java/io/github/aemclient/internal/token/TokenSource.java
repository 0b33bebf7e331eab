package io.github.aemclient.internal.token;

import io.github.aemclient.AccessToken;

/** Obtains a brand-new access token, e.g. by an IMS exchange. Called by {@link RefreshingTokenProvider} only. */
@FunctionalInterface
public interface TokenSource {

    /** @throws io.github.aemclient.AemClientException naming why no token could be had */
    AccessToken fetch();
}

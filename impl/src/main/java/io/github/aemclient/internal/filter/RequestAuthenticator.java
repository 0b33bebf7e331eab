package io.github.aemclient.internal.filter;

import jakarta.ws.rs.client.ClientRequestContext;

/** Puts one environment's credentials on a request bound for AEM. */
public interface RequestAuthenticator {

    void authenticate(ClientRequestContext request);

    /**
     * AEM answered 401 to {@code request}: drop the credential it carried.
     *
     * @param replacementWanted whether the caller would send the request again with a new credential
     * @return true when {@code replacementWanted} and a different credential is now available
     */
    default boolean rejected(ClientRequestContext request, boolean replacementWanted) {
        return false;
    }

    /** For environments that send nothing (a local AEM SDK open to anonymous calls). */
    RequestAuthenticator NONE = request -> { };
}

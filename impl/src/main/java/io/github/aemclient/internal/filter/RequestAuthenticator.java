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

    /**
     * A filter after the library's sent {@code request} to another origin: take off what {@link #authenticate}
     * put on it, where it is still what was put (a header the application's filter set instead stays).
     *
     * @return whether anything was taken off
     */
    default boolean withdraw(ClientRequestContext request) {
        return false;
    }

    /** For environments that send nothing (a local AEM SDK open to anonymous calls). */
    RequestAuthenticator NONE = request -> { };
}

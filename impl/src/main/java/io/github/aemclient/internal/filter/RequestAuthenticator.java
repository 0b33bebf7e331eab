package io.github.aemclient.internal.filter;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/** Puts one environment's credentials on a request bound for AEM. */
public interface RequestAuthenticator {

    /**
     * Puts the credentials on {@code request}.
     *
     * @return the {@code Authorization} value put, for {@link #withdraw} to take off again, or null when nothing
     *         was put
     */
    Object authenticate(ClientRequestContext request);

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
     * A filter after the library's sent {@code request}, which {@link #authenticate} had authenticated, to another
     * origin: take off exactly what was put (values the application's filters put beside or instead stay).
     *
     * @param put what {@link #authenticate} returned for this request
     * @return whether anything was taken off
     */
    default boolean withdraw(ClientRequestContext request, Object put) {
        return HeaderValues.remove(request, HttpHeaders.AUTHORIZATION, put);
    }

    /** For environments that send nothing (a local AEM SDK open to anonymous calls). */
    RequestAuthenticator NONE = request -> null;
}

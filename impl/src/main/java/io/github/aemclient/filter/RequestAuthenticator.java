package io.github.aemclient.filter;

import jakarta.ws.rs.client.ClientRequestContext;

/** Puts one environment's credentials on a request bound for AEM. */
public interface RequestAuthenticator {

    void authenticate(ClientRequestContext request);

    /** AEM answered 401 to {@code request}: drop whatever credential it carried, if that can be renewed. */
    default void rejected(ClientRequestContext request) {
    }

    /** For environments that send nothing (a local AEM SDK open to anonymous calls). */
    RequestAuthenticator NONE = request -> { };
}

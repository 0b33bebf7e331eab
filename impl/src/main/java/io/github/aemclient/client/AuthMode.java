package io.github.aemclient.client;

import java.util.Locale;

/**
 * How an environment authenticates; set with {@code aem.<env>.mode} or inferred from the properties set.
 */
public enum AuthMode {
    /** Service credentials exchanged at IMS for tokens (production). */
    SERVICE,
    /**
     * OAuth Server-to-Server credentials from the Adobe Developer Console (client id, client secret, scopes)
     * exchanged at IMS for tokens; requests also carry the client id as {@code X-Api-Key}, which Adobe's
     * OpenAPI-based AEM APIs require.
     */
    OAUTH,
    /** A local development token from the Developer Console (24 h, not renewable). */
    DEVELOPER,
    /** HTTP basic auth, e.g. the local AEM SDK's admin/admin. */
    BASIC,
    /** No credentials: a local AEM SDK or public content. */
    NONE;

    /** {@return the name {@code aem.<env>.mode} takes: {@code service}, {@code oauth}, {@code developer}, {@code basic} or {@code none}} */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@return whether requests carry credentials ({@code Authorization}); false only for {@link #NONE}} */
    public boolean sendsCredentials() {
        return this != NONE;
    }
}

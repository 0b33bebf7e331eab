package io.github.aemclient.internal.config;

/**
 * The configuration keys of one environment, {@code aem.<env>.<key>}. As environment variables they
 * read {@code AEM_<ENV>_<KEY>} (e.g. {@code AEM_AUTHOR_CREDENTIALS_FILE}).
 */
public final class AemProperties {

    public static final String URL = "url";
    public static final String MODE = "mode";
    public static final String CREDENTIALS_FILE = "credentials-file";
    public static final String CREDENTIALS = "credentials";
    public static final String TOKEN = "token";
    public static final String TOKEN_FILE = "token-file";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String IMS_URL = "ims-url";
    public static final String CONNECT_TIMEOUT = "connect-timeout";
    public static final String READ_TIMEOUT = "read-timeout";
    public static final String JWT_LIFETIME = "jwt-lifetime";
    public static final String REFRESH_RATIO = "refresh-ratio";
    public static final String EXPIRY_MARGIN = "expiry-margin";
    public static final String REFRESH_RETRY_INTERVAL = "refresh-retry-interval";
    public static final String UNAUTHORIZED_RENEWAL_INTERVAL = "unauthorized-renewal-interval";
    public static final String EAGER = "eager";
    public static final String RETRY_MAX_ATTEMPTS = "retry-max-attempts";
    public static final String RETRY_MAX_DURATION = "retry-max-duration";
    /** Deliberately loud: allows sending credentials over plain http to a non-local host. */
    public static final String ALLOW_INSECURE_HTTP = "allow-insecure-http";

    private AemProperties() {
    }

    /** {@code aem.<environment>.<key>} */
    public static String name(String environment, String key) {
        return "aem." + environment + "." + key;
    }
}

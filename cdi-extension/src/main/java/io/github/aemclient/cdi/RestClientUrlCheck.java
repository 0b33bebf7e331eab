package io.github.aemclient.cdi;

import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.internal.filter.Origin;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;

/**
 * Warns, once per interface, when an {@code @AemClient} Rest Client is configured to call another origin
 * than its environment's URL: credentials only ever go to that URL's origin, so every call would go out
 * without them and come back 401, with nothing to say why.
 */
final class RestClientUrlCheck {

    private static final Logger LOG = System.getLogger(RestClientUrlCheck.class.getName());

    private final Set<Class<?>> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param restInterface the interface
     * @param environment its environment
     * @param config the application's configuration
     * @return the URL configured for the interface on another origin, if there is one (for tests)
     */
    Optional<String> check(Class<?> restInterface, AemEnvironment environment, Config config) {
        Optional<String> configured = configuredUrl(restInterface, config);
        if (configured.isEmpty() || isSameOrigin(configured.get(), environment.url())) {
            return Optional.empty();
        }
        if (warned.add(restInterface)) {
            LOG.log(Level.WARNING, () -> "MicroProfile Rest Client " + restInterface.getName()
                    + " is bound to AEM environment '" + environment.name() + "' (" + environment.url()
                    + ") but configured to call " + configured.get() + ", another origin: its calls carry no"
                    + " credentials there. Remove its mp-rest/url (aem." + environment.name()
                    + ".url is its default) or point aem." + environment.name() + ".url at that origin.");
        }
        return configured;
    }

    /** The URL the application gave the interface: its mp-rest url or uri (by name or configKey), or baseUri. */
    private static Optional<String> configuredUrl(Class<?> restInterface, Config config) {
        for (String key : RestClientDefaults.configKeysOf(restInterface)) {
            for (String suffix : List.of("/mp-rest/url", "/mp-rest/uri")) {
                Optional<String> value = config.getOptionalValue(key + suffix, String.class);
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        String baseUri = RestClientDefaults.baseUriOf(restInterface);
        return baseUri.isEmpty() ? Optional.empty() : Optional.of(baseUri);
    }

    private static boolean isSameOrigin(String configured, URI environmentUrl) {
        try {
            return Origin.of(URI.create(configured.strip())).equals(Origin.of(environmentUrl));
        } catch (IllegalArgumentException unparsable) {
            // Rest Client refuses it itself, with its own message.
            return true;
        }
    }
}

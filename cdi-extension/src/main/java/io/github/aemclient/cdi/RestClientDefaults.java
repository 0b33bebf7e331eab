package io.github.aemclient.cdi;

import io.github.aemclient.AemClient;
import io.github.aemclient.client.AemEnvironment;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives a MicroProfile Rest Client interface annotated {@code @AemClient("env")} its environment's URL and
 * timeouts as defaults: {@code <interface>/mp-rest/url} is {@code aem.<env>.url},
 * {@code <interface>/mp-rest/connectTimeout} and {@code readTimeout} are {@code aem.<env>.connect-timeout}
 * and {@code read-timeout} in milliseconds, all as the CDI extension read and checked them. A configuration
 * source, because MicroProfile Rest Client reads these keys from MicroProfile Config before it builds the
 * client; with the lowest ordinal, so that the
 * application's own {@code mp-rest} settings win: for the interface's name, for its {@code configKey}
 * (which Rest Client reads after the name, so this source answers nothing when the application set it), and
 * a {@code baseUri} in {@code @RegisterRestClient}.
 *
 * <p>Found by MicroProfile Config through {@code META-INF/services}, in every application that has the
 * jar; it refers to no Rest Client class (it reads {@code @RegisterRestClient} reflectively), so it is
 * harmless without Rest Client. Every key the application looks up passes through {@link #getValue}: the
 * other keys cost a suffix check.
 */
public final class RestClientDefaults implements ConfigSource {

    static final int ORDINAL = 1;
    private static final String REGISTER_REST_CLIENT = "org.eclipse.microprofile.rest.client.inject.RegisterRestClient";
    private static final String URL = "/mp-rest/url";
    private static final String CONNECT_TIMEOUT = "/mp-rest/connectTimeout";
    private static final String READ_TIMEOUT = "/mp-rest/readTimeout";

    private static final ThreadLocal<Boolean> ANSWERING = new ThreadLocal<>();

    private final ClassLoader loader;
    private final CurrentExtension extension = new CurrentExtension();
    /** interface name → its environment, or empty for a name that is not an {@code @AemClient} interface */
    private final Map<String, Optional<Target>> interfaces = new ConcurrentHashMap<>();

    /**
     * Called by MicroProfile Config through {@code ServiceLoader}. The application's class loader is this
     * class's own (the jar is in the application): servers build the configuration on threads whose
     * context class loader may be their own.
     */
    public RestClientDefaults() {
        this.loader = RestClientDefaults.class.getClassLoader();
    }

    @Override
    public String getValue(String key) {
        if (key.endsWith(URL)) {
            return valueFor(key, URL, "/mp-rest/uri");
        }
        if (key.endsWith(CONNECT_TIMEOUT)) {
            return valueFor(key, CONNECT_TIMEOUT, null);
        }
        if (key.endsWith(READ_TIMEOUT)) {
            return valueFor(key, READ_TIMEOUT, null);
        }
        return null;
    }

    private String valueFor(String key, String suffix, String alternativeSuffix) {
        if (Boolean.TRUE.equals(ANSWERING.get())) {
            // Asked again while answering (through the configuration this source is part of): not ours to say.
            return null;
        }
        ANSWERING.set(Boolean.TRUE);
        try {
            return answer(key, suffix, alternativeSuffix);
        } finally {
            ANSWERING.remove();
        }
    }

    private String answer(String key, String suffix, String alternativeSuffix) {
        Optional<Target> target = interfaces.computeIfAbsent(key.substring(0, key.length() - suffix.length()),
                this::target);
        if (target.isEmpty() || target.get().setByTheApplication(ConfigProvider.getConfig(loader), suffix,
                alternativeSuffix)) {
            return null;
        }
        // The environment as the extension built and checked it: the same URL and timeouts as its WebTarget.
        AemEnvironment environment = extension.get()
                .map(extension -> extension.restClientEnvironment(target.get().environment, target.get().type))
                .orElse(null);
        if (environment == null) {
            return null;
        }
        return switch (suffix) {
            case URL -> environment.url().toString();
            case CONNECT_TIMEOUT -> Long.toString(environment.connectTimeout().toMillis());
            default -> Long.toString(environment.readTimeout().toMillis());
        };
    }

    private Optional<Target> target(String interfaceName) {
        try {
            Class<?> type = Class.forName(interfaceName, false, loader);
            AemClient qualifier = AemClientExtension.restClientQualifier(type);
            return qualifier == null ? Optional.empty() : Optional.of(new Target(qualifier.value(), type));
        } catch (ClassNotFoundException | LinkageError notAClass) {
            // A configKey, or a name of something else: not ours.
            return Optional.empty();
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        // Answered on demand: the interfaces are known when their keys are asked for.
        return Set.of();
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return "aem-client defaults for @AemClient MicroProfile Rest Client interfaces";
    }

    @Override
    public String toString() {
        return getName();
    }

    /** The {@code baseUri} of the interface's {@code @RegisterRestClient}, or empty. */
    static String baseUriOf(Class<?> restInterface) {
        return Target.member(restInterface, "baseUri");
    }

    /**
     * The names the interface's {@code mp-rest} settings are read under, in Rest Client's precedence: its
     * own name, then its {@code configKey} if it has another.
     */
    static List<String> configKeysOf(Class<?> restInterface) {
        String configKey = Target.member(restInterface, "configKey");
        return configKey.isEmpty() || configKey.equals(restInterface.getName()) ? List.of(restInterface.getName())
                : List.of(restInterface.getName(), configKey);
    }

    /** {@return whether the application set any of these {@code mp-rest} settings for the interface, under either name} */
    static boolean anySet(Config config, Class<?> restInterface, List<String> settings) {
        for (String key : configKeysOf(restInterface)) {
            for (String setting : settings) {
                if (config.getOptionalValue(key + "/mp-rest/" + setting, String.class).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final class Target {
        final String environment;
        final Class<?> type;
        final String baseUri;
        final String configKey;

        Target(String environment, Class<?> type) {
            this.environment = environment;
            this.type = type;
            this.baseUri = member(type, "baseUri");
            this.configKey = member(type, "configKey");
        }

        /** The application configured this itself: through the configKey, or the annotation's baseUri. */
        boolean setByTheApplication(Config config, String suffix, String alternativeSuffix) {
            if (suffix.equals(URL) && !baseUri.isEmpty()) {
                return true;
            }
            if (configKey.isEmpty() || configKey.equals(type.getName())) {
                return false;
            }
            return config.getOptionalValue(configKey + suffix, String.class).isPresent()
                    || alternativeSuffix != null
                            && config.getOptionalValue(configKey + alternativeSuffix, String.class).isPresent();
        }

        private static String member(Class<?> type, String name) {
            for (Annotation annotation : type.getAnnotations()) {
                if (annotation.annotationType().getName().equals(REGISTER_REST_CLIENT)) {
                    try {
                        Method member = annotation.annotationType().getMethod(name);
                        Object value = member.invoke(annotation);
                        return value == null ? "" : value.toString();
                    } catch (ReflectiveOperationException e) {
                        return "";
                    }
                }
            }
            return "";
        }
    }
}

package io.github.aemclient.cdi;

import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.AemClient;
import io.github.aemclient.AemClientException;
import io.github.aemclient.ImsException;
import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.internal.config.PropertyLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.inject.Provider;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Finds every {@code @AemClient("env")} injection point and provides, per environment, a
 * {@code @AemClient("env") Client} and {@code AccessTokenProvider} (application scoped) and a
 * {@code WebTarget} aimed at {@code aem.env.url}, all configured from MicroProfile Config. A missing or
 * bad setting fails the deployment with a message naming the environment and the property.
 *
 * <p>The container finds this extension through {@code META-INF/services}: an application needs the jar in
 * {@code WEB-INF/lib} and nothing else. The types can also be injected as {@code Instance<...>} or
 * {@code Provider<...>}; any other type with {@code @AemClient} is a definition error. Only environments
 * that are injected somewhere are read. Each is built once, when the deployment is validated, and shared
 * by all its injection points: one JAX-RS client and one token cache per environment, each
 * {@code WebTarget} a new one (its configuration is mutable). Injecting {@code AccessTokenProvider} for an
 * environment without tokens (basic or no authentication) fails the deployment.
 *
 * <p>With {@code aem.<env>.eager=true} the first token is obtained during deployment; the deployment waits
 * for all eager environments together at most 10 seconds, fails if IMS rejects the configuration, and
 * otherwise goes on (the acquisition continues in the background, a failure is logged and the first call
 * tries again). At shutdown every environment's client is closed; a client that fails to close is logged.
 * Token renewals run on the server's default managed executor where there is one.
 */
public class AemClientExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(AemClientExtension.class.getName());
    private static final Set<Class<?>> INJECTABLE = Set.of(Client.class, WebTarget.class, AccessTokenProvider.class);

    /**
     * The longest a deployment waits for an eager environment's first token. The acquisition itself may
     * take about 71 s with the default settings (retry budget 30 s + connect 10 s + read 30 s), longer than
     * a deployment should hang; IMS answers in well under a second, so a configuration error it reports
     * (the reason to be eager) still arrives within this bound and fails the deployment.
     */
    static final Duration FIRST_TOKEN_WAIT = Duration.ofSeconds(10);

    private final Duration firstTokenWait;
    /** environment → where it is first injected, and which types are injected */
    private final Map<String, Usage> usages = new TreeMap<>();
    private final Map<String, AemEnvironment> environments = new ConcurrentHashMap<>();

    /**
     * Called by the CDI container, which finds the extension through {@code META-INF/services}; an
     * application does not create it.
     */
    public AemClientExtension() {
        this(FIRST_TOKEN_WAIT);
    }

    /** With another bound on the start-up wait for a first token (tests). */
    AemClientExtension(Duration firstTokenWait) {
        this.firstTokenWait = Objects.requireNonNull(firstTokenWait);
    }

    void collect(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint injectionPoint = event.getInjectionPoint();
        AemClient qualifier = qualifierOf(injectionPoint.getQualifiers());
        if (qualifier == null) {
            return;
        }
        Class<?> type = injectedClass(injectionPoint.getType());
        if (type == null || !INJECTABLE.contains(type)) {
            event.addDefinitionError(new DefinitionException("@AemClient(\"" + qualifier.value() + "\") at "
                    + describe(injectionPoint) + " has type " + injectionPoint.getType().getTypeName()
                    + "; it can be injected as jakarta.ws.rs.client.WebTarget, jakarta.ws.rs.client.Client or"
                    + " io.github.aemclient.AccessTokenProvider"));
            return;
        }
        synchronized (usages) {
            usages.computeIfAbsent(qualifier.value(), env -> new Usage(describe(injectionPoint))).types.add(type);
        }
    }

    void register(@Observes AfterBeanDiscovery event) {
        for (String environment : snapshot().keySet()) {
            addBean(event, environment, Client.class, ApplicationScoped.class, AemEnvironment::client);
            // Dependent: a WebTarget's configuration is mutable, so each injection point gets its own.
            addBean(event, environment, WebTarget.class, Dependent.class, AemEnvironment::target);
            addBean(event, environment, AccessTokenProvider.class, ApplicationScoped.class,
                    aem -> aem.tokenProvider().orElseThrow());
        }
    }

    private <T> void addBean(AfterBeanDiscovery event, String environment, Class<T> type,
            Class<? extends Annotation> scope, Function<AemEnvironment, T> create) {
        event.<T>addBean()
                .id(AemClientExtension.class.getName() + "." + type.getSimpleName() + "." + environment)
                .beanClass(AemClientExtension.class)
                .types(type, Object.class)
                .qualifiers(AemClient.Literal.of(environment), Any.Literal.INSTANCE)
                .scope(scope)
                .createWith(context -> create.apply(environment(environment)));
    }

    void validate(@Observes AfterDeploymentValidation event) {
        Config config = ConfigProvider.getConfig(classLoader());
        PropertyLookup lookup = new MicroProfileConfigLookup(config);
        Map<String, CompletableFuture<Void>> firstTokens = new TreeMap<>();
        for (Map.Entry<String, Usage> entry : snapshot().entrySet()) {
            String environment = entry.getKey();
            Usage usage = entry.getValue();
            AemEnvironment aem;
            try {
                aem = AemEnvironment.builder(environment).renewalExecutor(new RenewalExecutor(environment))
                        .buildFrom(lookup);
            } catch (AemClientException e) {
                event.addDeploymentProblem(new DeploymentException("AEM environment '" + environment
                        + "' (injected at " + usage.firstInjectionPoint + ") is not configured properly: "
                        + e.getMessage(), e));
                continue;
            }
            environments.put(environment, aem);
            if (usage.types.contains(AccessTokenProvider.class) && aem.tokenProvider().isEmpty()) {
                event.addDeploymentProblem(new DeploymentException("@AemClient(\"" + environment
                        + "\") AccessTokenProvider is injected, but environment '" + environment + "' uses "
                        + aem.mode().configName() + " authentication and has no access token"));
                continue;
            }
            if (aem.eager()) {
                aem.tokenProvider().ifPresent(provider -> firstTokens.put(environment, startFirstToken(environment,
                        provider)));
            }
            LOG.log(Level.INFO, "AEM environment ''{0}'': {1} ({2} authentication)", environment, aem.url(),
                    aem.mode().configName());
        }
        // All eager environments exchange at once and share one bound: ten of them wait 10 s, not 100 s.
        long deadline = System.nanoTime() + firstTokenWait.toNanos();
        firstTokens.forEach((environment, first) -> awaitFirstToken(environment, first, deadline, event));
    }

    /**
     * Starts obtaining the first token on a thread of its own; the deployment waits for all eager environments
     * together at most {@link #firstTokenWait}. Past
     * that the deployment continues and the acquisition goes on in the background; the first calls join it
     * (the token provider runs one acquisition at a time). A daemon thread, not the renewal executor: the
     * server's managed executor cannot be looked up during deployment validation.
     */
    private static CompletableFuture<Void> startFirstToken(String environment, AccessTokenProvider provider) {
        CompletableFuture<Void> first = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                provider.getAccessToken();
                first.complete(null);
            } catch (RuntimeException | Error e) {
                first.completeExceptionally(e);
            }
        }, "aem-first-token-" + environment);
        thread.setDaemon(true);
        thread.start();
        return first;
    }

    private void awaitFirstToken(String environment, CompletableFuture<Void> first, long deadlineNanos,
            AfterDeploymentValidation event) {
        try {
            first.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "AEM environment ''{0}'' (aem.{0}.eager=true): the first access token is still"
                    + " being obtained in the background after {1} ms; the deployment continues, and the first"
                    + " calls wait for that acquisition", environment, Long.toString(firstTokenWait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ImsException ims && ims.isConfigurationError()) {
                event.addDeploymentProblem(new DeploymentException("AEM environment '" + environment
                        + "' (aem." + environment + ".eager=true): " + cause.getMessage(), cause));
            } else if (cause instanceof AemClientException) {
                LOG.log(Level.WARNING, "AEM environment ''{0}'': no token at start-up, will retry on first use: {1}",
                        environment, cause.getMessage());
            } else {
                // Not a failure this library reports (a bug): fail the deployment with it, as before.
                event.addDeploymentProblem(cause);
            }
        }
    }

    void close(@Observes BeforeShutdown event) {
        for (AemEnvironment aem : environments.values()) {
            closeLoggingFailure(aem.name(), aem::close);
        }
        environments.clear();
    }

    /** An environment that fails to close is logged, not thrown, so the other environments still close. */
    static void closeLoggingFailure(String environment, Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            // The (String, Throwable) overload does not apply MessageFormat: quotes are written once.
            LOG.log(Level.WARNING, "Closing AEM environment '" + environment
                    + "' (its JAX-RS client, IMS client and token) failed", e);
        }
    }

    private AemEnvironment environment(String environment) {
        AemEnvironment aem = environments.get(environment);
        if (aem == null) {
            // Only reachable if deployment validation reported a problem and the container went on anyway.
            throw new IllegalStateException("AEM environment '" + environment + "' is not configured");
        }
        return aem;
    }

    private Map<String, Usage> snapshot() {
        synchronized (usages) {
            return new TreeMap<>(usages);
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : AemClientExtension.class.getClassLoader();
    }

    private static AemClient qualifierOf(Set<Annotation> qualifiers) {
        for (Annotation qualifier : qualifiers) {
            if (qualifier instanceof AemClient aemClient) {
                return aemClient;
            }
        }
        return null;
    }

    /** The class injected: {@code WebTarget} for {@code WebTarget}, {@code Instance<WebTarget>} and {@code Provider<WebTarget>}. */
    private static Class<?> injectedClass(Type type) {
        if (type instanceof Class<?> injected) {
            return injected;
        }
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            if ((raw == Instance.class || raw == Provider.class) && parameterized.getActualTypeArguments().length == 1) {
                return injectedClass(parameterized.getActualTypeArguments()[0]);
            }
        }
        return null;
    }

    private static String describe(InjectionPoint injectionPoint) {
        return injectionPoint.getMember() == null ? injectionPoint.toString()
                : injectionPoint.getMember().getDeclaringClass().getName() + "." + injectionPoint.getMember().getName();
    }

    private static final class Usage {
        final String firstInjectionPoint;
        final Set<Class<?>> types = ConcurrentHashMap.newKeySet();

        Usage(String firstInjectionPoint) {
            this.firstInjectionPoint = firstInjectionPoint;
        }
    }
}

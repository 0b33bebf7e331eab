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
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.inject.Provider;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.naming.InitialContext;
import javax.naming.NamingException;
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
 * otherwise goes on (the acquisition continues in the background; a failure is logged and the next calls try
 * again, while there is no token at most once per {@code refresh-retry-interval} or 5 seconds, whichever is
 * shorter). At shutdown every environment's client is closed; a client that fails to close is logged.
 * Token renewals run on the server's default managed executor where there is one.
 */
public class AemClientExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(AemClientExtension.class.getName());
    /** Environments to configure (and check at deployment) whether or not anything injects them. */
    static final String ENVIRONMENTS = "aem.environments";
    /** MicroProfile Rest Client's listener SPI: where it is visible, {@link AemRestClientListener} may be in use. */
    private static final String REST_CLIENT_LISTENER = "org.eclipse.microprofile.rest.client.spi.RestClientListener";
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
    private volatile boolean shutDown;
    /** The clients Rest Client calls are replayed through when their timeouts are not the environment's. */
    private final RestClientReplays restClientReplays = new RestClientReplays();
    private final RestClientNetwork restClientNetwork = new RestClientNetwork();
    /** Warns of Rest Client interfaces configured to call another origin than their environment's. */
    private final RestClientUrlCheck restClientUrls = new RestClientUrlCheck();

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
            Class<?> restInterface = injectedClass(injectionPoint.getType());
            AemClient onType = restClientQualifier(restInterface);
            if (onType != null) {
                recordRestClient(onType.value(), restInterface, " at " + describe(injectionPoint));
            }
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
        record(qualifier.value(), "injected at " + describe(injectionPoint), type);
    }

    /** A Rest Client interface the container discovered (an explicit bean archive), injected or not. */
    void restClientInterface(@Observes @WithAnnotations(AemClient.class) ProcessAnnotatedType<?> event) {
        Class<?> type = event.getAnnotatedType().getJavaClass();
        AemClient onType = restClientQualifier(type);
        if (onType != null) {
            recordRestClient(onType.value(), type, "");
        }
    }

    /** {@code @AemClient} on an interface (a Rest Client's), or null for anything else. */
    static AemClient restClientQualifier(Class<?> type) {
        return type != null && type.isInterface() ? type.getAnnotation(AemClient.class) : null;
    }

    private void recordRestClient(String environment, Class<?> restInterface, String where) {
        record(environment, "used by MicroProfile Rest Client " + restInterface.getName() + where, restInterface);
    }

    private void record(String environment, String where, Class<?> type) {
        synchronized (usages) {
            usages.computeIfAbsent(environment, env -> new Usage(where)).types.add(type);
        }
    }

    /** The environments of {@code aem.environments}, configured and checked like injected ones. */
    private void recordListed(AfterBeanDiscovery event) {
        Optional<String> listed;
        try {
            listed = config().getOptionalValue(ENVIRONMENTS, String.class);
        } catch (RuntimeException e) {
            event.addDefinitionError(new DefinitionException(ENVIRONMENTS + " cannot be read: " + e.getMessage(), e));
            return;
        }
        for (String environment : listed.orElse("").split(",")) {
            if (!environment.isBlank()) {
                record(environment.strip(), "listed in " + ENVIRONMENTS, AemEnvironments.class);
            }
        }
    }

    void register(@Observes AfterBeanDiscovery event) {
        recordListed(event);
        event.addBean()
                .id(AemClientExtension.class.getName() + ".AemEnvironments")
                .beanClass(SyntheticBeanArchive.class)
                .types(AemEnvironments.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(Dependent.class)
                .createWith(context -> new AemEnvironments(this));
        Set<String> environmentsFound = snapshot().keySet();
        if (isVisible(ReadinessChecks.HEALTH_CHECK)) {
            try {
                ReadinessChecks.register(event, environmentsFound, this::built);
            } catch (LinkageError partlyVisible) {
                LOG.log(Level.WARNING, "MicroProfile Health is only partly visible to the application; the aem-<env>"
                        + " readiness checks are not registered: " + partlyVisible);
            }
        }
        for (String environment : environmentsFound) {
            addBean(event, environment, Client.class, ApplicationScoped.class, AemEnvironment::client);
            // Dependent: a WebTarget's configuration is mutable, so each injection point gets its own.
            addBean(event, environment, WebTarget.class, Dependent.class, AemEnvironment::target);
            addBean(event, environment, AccessTokenProvider.class, ApplicationScoped.class,
                    aem -> aem.tokenProvider().orElseThrow(() -> new IllegalStateException("AEM environment '"
                            + environment + "' uses " + aem.mode().configName()
                            + " authentication and has no access token")));
        }
    }

    private <T> void addBean(AfterBeanDiscovery event, String environment, Class<T> type,
            Class<? extends Annotation> scope, Function<AemEnvironment, T> create) {
        event.<T>addBean()
                .id(AemClientExtension.class.getName() + "." + type.getSimpleName() + "." + environment)
                .beanClass(SyntheticBeanArchive.class)
                .types(type, Object.class)
                .qualifiers(AemClient.Literal.of(environment), Any.Literal.INSTANCE)
                .scope(scope)
                .createWith(context -> create.apply(built(environment)));
    }

    void validate(@Observes AfterDeploymentValidation event) {
        PropertyLookup lookup = new MicroProfileConfigLookup(config());
        Map<String, CompletableFuture<Void>> firstTokens = new TreeMap<>();
        for (Map.Entry<String, Usage> entry : snapshot().entrySet()) {
            String environment = entry.getKey();
            Usage usage = entry.getValue();
            AemEnvironment aem;
            try {
                // A Rest Client created by an observer that ran before this one may have built it already.
                aem = environments.computeIfAbsent(environment, name -> build(name, lookup));
            } catch (AemClientException e) {
                event.addDeploymentProblem(new DeploymentException("AEM environment '" + environment
                        + "' (" + usage.firstUse + ") is not configured properly: " + e.getMessage(), e));
                continue;
            }
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
            LOG.log(Level.INFO, "AEM environment ''{0}'': {1} ({2} authentication{3})", environment, aem.url(),
                    aem.mode().configName(), aem.network().isEmpty() ? "" : "; " + aem.network());
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
                LOG.log(Level.WARNING, "AEM environment ''{0}'': no token at start-up; the next calls try again: {1}",
                        environment, cause.getMessage());
            } else {
                // Not a failure this library reports (a bug): fail the deployment with it, as before.
                event.addDeploymentProblem(cause);
            }
        }
    }

    private static AemEnvironment build(String environment, PropertyLookup lookup) {
        return AemEnvironment.builder(environment).renewalExecutor(new RenewalExecutor(environment)).buildFrom(lookup);
    }

    void close(@Observes BeforeShutdown event) {
        synchronized (environments) {
            // No environment is built after this: one built lazily now would never be closed.
            shutDown = true;
        }
        restClientReplays.close();
        for (AemEnvironment aem : environments.values()) {
            closeLoggingFailure(aem.name(), aem::close);
        }
        environments.clear();
        if (isVisible(REST_CLIENT_LISTENER)) {
            RestClientListenerCache.release(AemClientExtension.class.getClassLoader(), AemRestClientListener.class);
        }
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

    private AemEnvironment built(String environment) {
        AemEnvironment aem = environments.get(environment);
        if (aem == null) {
            // Only reachable if deployment validation reported a problem and the container went on anyway.
            throw new IllegalStateException("AEM environment '" + environment + "' is not configured");
        }
        return aem;
    }

    /** For {@link AemEnvironments}: an environment of this application, or an error that lists them. */
    AemEnvironment environment(String environment) {
        Set<String> names = environmentNames();
        if (!names.contains(environment)) {
            throw new IllegalArgumentException("This application has no AEM environment '" + environment
                    + "': its environments are those injected with @AemClient, used by @AemClient Rest Client"
                    + " interfaces and listed in " + ENVIRONMENTS + " (now: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
        }
        return built(environment);
    }

    Set<String> environmentNames() {
        Set<String> names = new TreeSet<>(snapshot().keySet());
        names.addAll(environments.keySet());
        return Collections.unmodifiableSet(names);
    }

    /**
     * The environment of a MicroProfile Rest Client interface annotated {@code @AemClient(environment)}:
     * the one built at deployment, or, for an interface the container did not see then (built with
     * {@code RestClientBuilder} only), built now from the same configuration.
     *
     * @throws io.github.aemclient.AemConfigurationException when that configuration is wrong
     */
    AemEnvironment restClientEnvironment(String environment, Class<?> restInterface) {
        AemEnvironment aem = environments.get(environment);
        if (aem != null) {
            return aem;
        }
        synchronized (environments) {
            if (shutDown) {
                throw new IllegalStateException("The application is stopping: AEM environment '" + environment
                        + "' (MicroProfile Rest Client " + restInterface.getName() + ") is closed");
            }
            aem = environments.computeIfAbsent(environment, name -> build(name, new MicroProfileConfigLookup(config())));
        }
        recordRestClient(environment, restInterface, "");
        return aem;
    }

    /** {@return whether the application has not begun to stop} */
    boolean isRunning() {
        return !shutDown;
    }

    /** For {@link AemRestClientListener}: whether a Rest Client is configured to call elsewhere. */
    RestClientUrlCheck restClientUrls() {
        return restClientUrls;
    }

    /** For {@link AemRestClientListener}: the environment's trust store and proxy. */
    RestClientNetwork restClientNetwork() {
        return restClientNetwork;
    }

    /** For {@link AemRestClientListener}: how a Rest Client's calls are replayed after a 401. */
    RestClientReplays restClientReplays() {
        return restClientReplays;
    }

    /**
     * {@code CDI.current()}'s view, if it has a container that sees the extension. Payara picks that bean
     * manager by the calling class, and for this one (an extension in a bean archive) gives one that does
     * not see the extension: {@link #fromJndi()} then.
     */
    static Optional<AemClientExtension> fromCdi() {
        try {
            return Optional.of(CDI.current().getBeanManager().getExtension(AemClientExtension.class));
        } catch (IllegalStateException | IllegalArgumentException noContainerOrNotSeen) {
            return Optional.empty();
        }
    }

    /** The application's bean manager in JNDI, if this thread reaches it. */
    static Optional<AemClientExtension> fromJndi() {
        try {
            Object found = new InitialContext().lookup("java:comp/BeanManager");
            return found instanceof BeanManager beanManager
                    ? Optional.of(beanManager.getExtension(AemClientExtension.class)) : Optional.empty();
        } catch (NamingException | RuntimeException | LinkageError noJndiOrNoExtension) {
            return Optional.empty();
        }
    }

    private Map<String, Usage> snapshot() {
        synchronized (usages) {
            return new TreeMap<>(usages);
        }
    }

    /**
     * Whether this jar sees a class: MicroProfile Health is optional, and the server's to give. Asked of the
     * loader that links {@link ReadinessChecks} (this jar's, the application's), so a yes means it links.
     */
    private static boolean isVisible(String className) {
        try {
            Class.forName(className, false, AemClientExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** The application's MicroProfile Config. */
    static Config config() {
        return ConfigProvider.getConfig(classLoader());
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
        /** "injected at ...", "listed in aem.environments", "used by MicroProfile Rest Client ..." */
        final String firstUse;
        final Set<Class<?>> types = ConcurrentHashMap.newKeySet();

        Usage(String firstUse) {
            this.firstUse = firstUse;
        }
    }
}

package io.github.aemclient.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import io.github.aemclient.testkit.TestOAuthCredentials;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public API's boundary: what {@code api} and {@code impl} make public outside their
 * {@code io.github.aemclient.internal} packages. No public signature mentions an internal type, and no
 * public method, followed from an environment of any mode, returns a secret (key, client secret, password).
 */
class PublicApiTest {

    static final String INTERNAL = "io.github.aemclient.internal";
    static final String PASSWORD = "pw-Öß&=%+ 1";

    @TempDir
    Path dir;

    @Test
    void noPublicSignatureOfAPublicTypeMentionsAnInternalType() throws Exception {
        List<Class<?>> publicTypes = publicTypes();
        assertThat(publicTypes).extracting(Class::getName).contains("io.github.aemclient.client.AemEnvironment",
                "io.github.aemclient.client.AemEnvironment$Builder", "io.github.aemclient.client.AuthMode",
                "io.github.aemclient.AccessTokenProvider", "io.github.aemclient.AemConfigurationException");
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : publicTypes) {
            check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
            for (Type implemented : type.getGenericInterfaces()) {
                check(type.getName() + " implements", implemented, leaks);
            }
            for (TypeVariable<?> parameter : type.getTypeParameters()) {
                check(type.getName() + " type parameter", parameter, leaks);
            }
            // Public and protected: a subclass of a public, non-final type sees both.
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers())) {
                    check(field.toGenericString(), field.getGenericType(), leaks);
                }
            }
            List<Executable> members = new ArrayList<>(List.of(type.getMethods()));
            Stream.concat(Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredConstructors()))
                    .filter(member -> visible(member.getModifiers())).forEach(members::add);
            for (Executable member : members) {
                for (TypeVariable<?> parameter : member.getTypeParameters()) {
                    check(member.toGenericString(), parameter, leaks);
                }
                if (member instanceof Method method) {
                    check(method.toGenericString(), method.getGenericReturnType(), leaks);
                }
                for (Type parameter : member.getGenericParameterTypes()) {
                    check(member.toGenericString(), parameter, leaks);
                }
                for (Type thrown : member.getGenericExceptionTypes()) {
                    check(member.toGenericString(), thrown, leaks);
                }
            }
        }
        assertThat(leaks).as("public signatures mentioning internal types").isEmpty();
    }

    @Test
    void theSignatureCheckSeesAnInternalTypeWhereverItHides() {
        List<String> leaks = new ArrayList<>();
        check("x", new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {io.github.aemclient.internal.config.Settings.class};
            }

            @Override
            public Type getRawType() {
                return Optional.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        }, leaks);
        assertThat(leaks).hasSize(1);
    }

    @Test
    void noPublicMethodReachesASecretInAnyMode() throws Exception {
        TestCredentials credentials = TestCredentials.generate();
        TestOAuthCredentials oauth = TestOAuthCredentials.generate();
        Path file = credentials.writeTo(dir.resolve("c.json"));
        List<String> secrets = new ArrayList<>(List.of(credentials.clientSecret(), oauth.clientSecret(), PASSWORD,
                Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8))));
        for (String line : credentials.privateKeyPem().split("\r\n")) {
            if (!line.startsWith("-----")) {
                secrets.add(line);
            }
        }
        StringBuilder seen = new StringBuilder();
        try (ImsStandIn ims = ImsStandIn.start().register(credentials).register(oauth);
                AemStandIn aem = AemStandIn.start(ims);
                AemStandIn sdk = AemStandIn.startLocalSdk().withBasicUser("admin", PASSWORD)) {
            List<AemEnvironment> environments = List.of(
                    AemEnvironment.builder("file").url(aem.url().toString()).credentialsFile(file)
                            .imsUrl(ims.url().toString()).build(),
                    AemEnvironment.builder("inline").url(aem.url().toString())
                            .credentials(Files.readString(file)).imsUrl(ims.url().toString()).build(),
                    AemEnvironment.builder("dev").url(aem.url().toString())
                            .token(ims.issueDeveloperToken(java.time.Instant.now(), java.time.Duration.ofHours(24)))
                            .build(),
                    AemEnvironment.builder("oauth").url(aem.url().toString()).imsUrl(ims.url().toString())
                            .property("client-id", oauth.clientId()).property("client-secret", oauth.clientSecret())
                            .property("scopes", oauth.scopesText()).build(),
                    AemEnvironment.builder("local").url(sdk.url().toString()).basicAuth("admin", PASSWORD).build());
            for (AemEnvironment environment : environments) {
                // A request first, so that tokens are held and filters have run.
                environment.target().path("/content/x.json").request().get().close();
                walk(environment, 0, seen, new IdentityHashMap<>());
                environment.client().getConfiguration().getInstances()
                        .forEach(instance -> walk(instance, 0, seen, new IdentityHashMap<>()));
                environment.close();
            }
        }
        assertThat(seen).as("what the public API shows").contains("file").contains("local");
        for (String secret : secrets) {
            assertThat(seen.toString()).as("a secret reachable through the public API").doesNotContain(secret);
        }
    }

    @Test
    void codeWrittenAgainstThePublicApiCompilesWithoutTheInternalClasses() throws IOException {
        Path publicOnly = dir.resolve("public-classes");
        Path implClasses = classesOf(AemEnvironment.class);
        try (Stream<Path> files = Files.walk(implClasses)) {
            for (Path source : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String relative = implClasses.relativize(source).toString().replace('\\', '/');
                if (!relative.startsWith(INTERNAL.replace('.', '/'))) {
                    Path target = publicOnly.resolve(relative);
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                }
            }
        }
        Path usage = dir.resolve("src/com/example/Usage.java");
        Files.createDirectories(usage.getParent());
        Files.writeString(usage, USAGE);
        String classPath = String.join(java.io.File.pathSeparator, publicOnly.toString(),
                classesOf(AccessTokenProvider.class).toString(),
                classesOf(jakarta.ws.rs.client.Client.class).toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.StringWriter diagnostics = new java.io.StringWriter();
        int result = javac.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                diagnostics.write(b);
            }
        }, true), "--release", "17", "-Xlint:all", "-Werror", "-cp", classPath, "-d",
                dir.resolve("out").toString(), usage.toString());
        assertThat(result).as(diagnostics.toString()).isZero();
    }

    /** Every public method and constructor of the public API, called as a user would. */
    static final String USAGE = """
            package com.example;

            import io.github.aemclient.AccessToken;
            import io.github.aemclient.AccessTokenProvider;
            import io.github.aemclient.AemClientException;
            import io.github.aemclient.AemConfigurationException;
            import io.github.aemclient.ImsException;
            import io.github.aemclient.TokenExpiredException;
            import io.github.aemclient.client.AemEnvironment;
            import io.github.aemclient.client.AuthMode;
            import io.github.aemclient.client.EnvironmentHealth;
            import jakarta.ws.rs.client.Client;
            import jakarta.ws.rs.client.ClientBuilder;
            import jakarta.ws.rs.client.WebTarget;
            import java.net.URI;
            import java.nio.file.Path;
            import java.time.Clock;
            import java.time.Duration;
            import java.util.Map;
            import java.util.Optional;
            import java.util.concurrent.Executor;

            final class Usage {
                static String use(Executor executor) {
                    AemEnvironment.Builder builder = AemEnvironment.builder("author")
                            .url("https://author-p1-e2.adobeaemcloud.com")
                            .credentialsFile(Path.of("c.json")).credentials("{}").tokenFile(Path.of("t"))
                            .token("t").basicAuth("u", "p").mode(AuthMode.SERVICE).imsUrl("https://ims")
                            .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(1))
                            .clock(Clock.systemUTC()).renewalExecutor(executor)
                            .clientBuilder(ClientBuilder::newBuilder).property("eager", "true");
                    AemEnvironment fromOwnConfig = builder.buildFrom(name -> Optional.ofNullable(System.getenv(name)));
                    try (AemEnvironment aem = builder.build();
                            AemEnvironment other = AemEnvironment.fromSystem("publish");
                            AemEnvironment third = AemEnvironment.fromProperties("x", Map.of())) {
                        String name = aem.name();
                        URI url = aem.url();
                        AuthMode mode = aem.mode();
                        boolean eager = aem.eager() && mode.sendsCredentials();
                        Duration timeouts = aem.connectTimeout().plus(aem.readTimeout());
                        EnvironmentHealth health = aem.health();
                        String healthText = health.isReady() + health.reason() + health.tokenValidUntil()
                                + health.lastFailure() + health.lastFailureAt() + health.certificateExpiresAt();
                        Client client = aem.client();
                        WebTarget target = aem.target();
                        ClientBuilder mine = aem.applyTo(ClientBuilder.newBuilder());
                        Optional<AccessTokenProvider> provider = aem.tokenProvider();
                        AccessToken token = provider.orElseThrow().getAccessToken();
                        provider.get().invalidate(token);
                        return name + url + eager + client + target + mine + token.value() + token.expiresAt()
                                + token.obtainedAt() + token.isExpiredAt(token.expiresAt()) + mode.configName()
                                + AemEnvironment.JERSEY_FOLLOW_REDIRECTS + AemEnvironment.RESTEASY_FOLLOW_REDIRECTS
                                + other + third + fromOwnConfig + timeouts + healthText;
                    } catch (ImsException e) {
                        return e.error().orElse("") + e.status() + e.isConfigurationError();
                    } catch (TokenExpiredException | AemConfigurationException e) {
                        return e.getMessage();
                    } catch (AemClientException e) {
                        return e.getMessage();
                    }
                }
            }
            """;

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Class<?>> publicTypes() throws IOException {
        List<Class<?>> types = new ArrayList<>();
        for (Class<?> anchor : List.of(AemEnvironment.class, AccessTokenProvider.class)) {
            Path root = classesOf(anchor);
            List<String> names;
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    names = files.map(root::relativize).map(Path::toString).filter(n -> n.endsWith(".class")).toList();
                }
            } else {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(root.toFile())) {
                    names = jar.stream().map(java.util.jar.JarEntry::getName).filter(n -> n.endsWith(".class")).toList();
                }
            }
            for (String name : names) {
                String className = name.replace('\\', '/').replace('/', '.').replaceAll("\\.class$", "");
                if (className.startsWith(INTERNAL) || className.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = load(className);
                if (Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass()) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(String where, Type type, List<String> leaks) {
        if (type == null) {
            return;
        }
        if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (element.getName().startsWith(INTERNAL)) {
                leaks.add(where + " → " + element.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(where, p.getRawType(), leaks);
            for (Type argument : p.getActualTypeArguments()) {
                check(where, argument, leaks);
            }
        } else if (type instanceof WildcardType w) {
            Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds())).forEach(t -> check(where, t, leaks));
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) {
                if (!(bound instanceof ParameterizedType pb && pb.getActualTypeArguments()[0] == v)) {
                    check(where, bound, leaks);
                }
            }
        }
    }

    /** Records toString() and every value public no-argument methods return, a few levels deep. */
    private static void walk(Object value, int depth, StringBuilder seen, Map<Object, Boolean> visited) {
        if (value == null || depth > 4 || visited.put(value, Boolean.TRUE) != null) {
            return;
        }
        seen.append(value).append('\n');
        if (value instanceof Optional<?> optional) {
            optional.ifPresent(v -> walk(v, depth + 1, seen, visited));
            return;
        }
        if (value instanceof Collection<?> collection) {
            collection.forEach(v -> walk(v, depth + 1, seen, visited));
            return;
        }
        if (!value.getClass().getName().startsWith("io.github.aemclient")) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() > 0 || method.getReturnType() == void.class
                    || !Modifier.isPublic(method.getDeclaringClass().getModifiers())
                    || !method.getDeclaringClass().getName().startsWith("io.github.aemclient")
                    || Set.of("close", "hashCode", "getClass", "client", "target").contains(method.getName())) {
                continue;
            }
            try {
                walk(method.invoke(value), depth + 1, seen, visited);
            } catch (ReflectiveOperationException | RuntimeException e) {
                seen.append(e).append('\n');
            }
        }
    }
}

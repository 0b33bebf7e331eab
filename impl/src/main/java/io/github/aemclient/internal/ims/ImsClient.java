package io.github.aemclient.internal.ims;

import io.github.aemclient.ImsException;
import io.github.aemclient.ImsUnavailableException;
import io.github.aemclient.internal.network.BasicTunnelling;
import io.github.aemclient.internal.network.Network;
import io.github.aemclient.internal.network.ProxySettings;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Obtains access tokens from IMS: a signed JWT exchanged at {@code POST {imsUrl}/ims/exchange/jwt} (form
 * {@code client_id}, {@code client_secret}, {@code jwt_token}; service credentials), or OAuth
 * Server-to-Server client credentials at {@code POST {imsUrl}/ims/token/v3} (form {@code grant_type},
 * {@code client_id}, {@code client_secret}, {@code scope}). Uses the JDK's HTTP client, so it works the same in every server and in
 * plain Java: with the environment's trust store and proxy ({@link Network}), else the JVM's CAs and proxy
 * settings; or the application's own client.
 */
public final class ImsClient implements AutoCloseable {

    static final String EXCHANGE_PATH = "/ims/exchange/jwt";
    static final String TOKEN_PATH = "/ims/token/v3";
    /**
     * The most of an answer that is read. IMS's answers are under 4 KiB; a body past this is not IMS's
     * (a wrong ims-url, a proxy's page, a misbehaving server) and is not worth the memory.
     */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String USER_AGENT = "aem-client/" + Objects.requireNonNullElse(
            ImsClient.class.getPackage().getImplementationVersion(), "dev");

    private final URI exchangeUri;
    private final URI tokenUri;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    /** Runs the HTTP client's work; shut down on close, so no thread of this client outlives it. Null for the application's own client. */
    private final ExecutorService executor;
    private final Network network;
    /** Whether the JDK ever took the proxy's credentials: a 407 after none were sent is not a wrong password. */
    private volatile boolean proxyCredentialsSent;
    /** Dropped on close: the JDK's client (before Java 21) stops its selector thread once unreachable. */
    private volatile HttpClient http;
    /** Completed (exceptionally) by close, so an exchange in progress ends at once instead of timing out. */
    private final CompletableFuture<Void> closing = new CompletableFuture<>();

    /**
     * @param imsUrl {@code https://{imsEndpoint}} or an override (a proxy, a local stand-in)
     */
    public ImsClient(URI imsUrl, Duration connectTimeout, Duration readTimeout) {
        this(imsUrl, connectTimeout, readTimeout, Network.JVM_DEFAULTS);
    }

    /** @param network the trust store and proxy the exchange goes through */
    public ImsClient(URI imsUrl, Duration connectTimeout, Duration readTimeout, Network network) {
        this(imsUrl, connectTimeout, readTimeout, newExecutor(), network, null);
    }

    /**
     * An exchange through the application's own client ({@code AemEnvironment.Builder.imsHttpClient}): its TLS,
     * proxy, authenticator and executor apply, and closing this client leaves it alone.
     */
    public ImsClient(URI imsUrl, Duration connectTimeout, Duration readTimeout, HttpClient own) {
        this(imsUrl, connectTimeout, readTimeout, null, Network.JVM_DEFAULTS, Objects.requireNonNull(own));
    }

    private ImsClient(URI imsUrl, Duration connectTimeout, Duration readTimeout, ExecutorService executor,
            Network network, HttpClient own) {
        String base = imsUrl.toString().replaceAll("/+$", "");
        this.exchangeUri = URI.create(base + EXCHANGE_PATH);
        this.tokenUri = URI.create(base + TOKEN_PATH);
        this.connectTimeout = Objects.requireNonNull(connectTimeout);
        this.readTimeout = Objects.requireNonNull(readTimeout);
        this.executor = executor;
        this.network = network;
        this.http = own != null ? own : network.applyTo(HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER), () -> proxyCredentialsSent = true)
                .build();
    }

    private static ExecutorService newExecutor() {
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "aem-ims-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    URI exchangeUri() {
        return exchangeUri;
    }

    /** Service credentials: a signed JWT for a token whose {@code expires_in} is in milliseconds. */
    public ImsTokenResponse exchangeJwt(String clientId, String clientSecret, String jwt) {
        String form = "client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret)
                + "&jwt_token=" + encode(jwt);
        return post(exchangeUri, form, ImsFlow.JWT_EXCHANGE, List.of(clientSecret, jwt));
    }

    /** OAuth Server-to-Server: client credentials for a token whose {@code expires_in} is in seconds. */
    public ImsTokenResponse clientCredentials(String clientId, String clientSecret, List<String> scopes) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret) + "&scope=" + encode(String.join(",", scopes));
        return post(tokenUri, form, ImsFlow.CLIENT_CREDENTIALS, List.of(clientSecret));
    }

    private ImsTokenResponse post(URI uri, String form, ImsFlow flow, List<String> secrets) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        HttpResponse<BoundedBody> response = send(request);
        if (response.statusCode() == 407) {
            throw proxyRefused(uri, response.headers().allValues("Proxy-Authenticate"));
        }
        Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(RetryAfter::parse).orElse(null);
        if (response.body().tooLarge()) {
            throw ImsResponseReader.tooLarge(response.statusCode(), MAX_BODY_BYTES, retryAfter);
        }
        return ImsResponseReader.read(response.statusCode(), response.body().text(), retryAfter, echoes(secrets), flow);
    }

    /**
     * The request timeout covers the wait for headers only; bounding the whole future also covers an IMS
     * that sends headers and then stalls the body.
     */
    private HttpResponse<BoundedBody> send(HttpRequest request) {
        HttpClient client = http;
        if (client == null) {
            throw new IllegalStateException("The IMS client is closed (its AEM environment was closed)");
        }
        CompletableFuture<HttpResponse<BoundedBody>> future;
        try {
            future = client.sendAsync(request, BoundedBody.handler(MAX_BODY_BYTES));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("The IMS client is closed (its AEM environment was closed)", e);
        }
        try {
            CompletableFuture.anyOf(future, closing).get(connectTimeout.plus(readTimeout).toMillis(),
                    TimeUnit.MILLISECONDS);
            return future.getNow(null);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw unavailable(request.uri(), "did not answer within " + readTimeout.toMillis() + " ms (aem.<env>.read-timeout)", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(request.uri(), "call was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalStateException closed && closing.isDone()) {
                future.cancel(true);
                throw closed;
            }
            if (cause instanceof HttpConnectTimeoutException) {
                throw unavailable(request.uri(), (network.proxy().isPresent() ? "could not be reached: "
                        + proxyDescription() + " " : "") + "could not be connected to in time (aem.<env>.connect-timeout)",
                        cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw unavailable(request.uri(), "did not answer within " + readTimeout.toMillis()
                        + " ms (aem.<env>.read-timeout)", cause);
            }
            boolean unresolved = causedBy(cause, UnresolvedAddressException.class, UnknownHostException.class);
            if (unresolved && network.proxy().isPresent()) {
                // Through a proxy, the only name this client resolves is the proxy's.
                throw unavailable(request.uri(), "could not be reached: the proxy host " + network.proxy().get().host()
                        + " (aem.<env>.proxy-address) does not resolve", cause);
            }
            if (unresolved) {
                throw unavailable(request.uri(), "could not be found: the host name " + request.uri().getHost()
                        + " does not resolve (no DNS here, or a proxy is needed; check aem.<env>.ims-url)", cause);
            }
            if (cause instanceof ConnectException) {
                throw unavailable(request.uri(), (network.proxy().isPresent() ? "could not be reached: "
                        + proxyDescription() + " " : "") + "refused the connection", cause);
            }
            if (causedBy(cause, CertPathBuilderException.class, CertPathValidatorException.class)) {
                throw new ImsTlsException("IMS at " + request.uri() + " presented a certificate that is not trusted ("
                        + (executor == null ? "not by the application's imsHttpClient): configure that client's"
                                + " SSLContext"
                        : (network.trustStore().isPresent() ? "not by aem.<env>.trust-store " + network.trustStore().get()
                                : "not by the JVM's CAs") + "): set aem.<env>.trust-store to the certificates to trust"
                        + " (PEM, PKCS12 or JKS; behind a TLS-inspecting proxy, its CA)"), cause);
            }
            if (cause instanceof SSLHandshakeException) {
                throw new ImsTlsException("IMS at " + request.uri() + " failed the TLS handshake: " + describe(cause),
                        cause);
            }
            if (cause != null && cause.getMessage() != null
                    && cause.getMessage().startsWith("too many authentication attempts")) {
                throw proxyRefused(request.uri(), List.of("Basic"));
            }
            throw unavailable(request.uri(), "failed: " + describe(cause), cause);
        }
    }

    /**
     * A proxy's 407: which of the causes a user can tell apart it is. Not retried (an {@link ImsException}
     * with a 4xx status).
     *
     * @param challenges the proxy's {@code Proxy-Authenticate} values
     */
    private ImsException proxyRefused(URI uri, List<String> challenges) {
        List<String> schemes = challenges.stream().map(c -> c.strip().split("[\\s,]", 2)[0]).filter(s -> !s.isEmpty())
                .distinct().toList();
        boolean basicOffered = schemes.isEmpty() || schemes.stream().anyMatch("Basic"::equalsIgnoreCase);
        String why;
        if (executor == null) {
            why = "the application's imsHttpClient did not authenticate to it";
        } else if (!basicOffered) {
            why = "it asks for " + String.join(", ", schemes) + ", and only Basic is supported: use a port of the"
                    + " proxy that takes Basic, or a local relay that authenticates for you (cntlm, px)";
        } else if (network.proxy().flatMap(ProxySettings::user).isEmpty()) {
            why = network.proxy().isPresent() ? "set aem.<env>.proxy-user and aem.<env>.proxy-password"
                    : "set aem.<env>.proxy-address, aem.<env>.proxy-user and aem.<env>.proxy-password";
        } else if (!proxyCredentialsSent) {
            why = "aem.<env>.proxy-user and aem.<env>.proxy-password were not sent: this JVM sends no Basic"
                    + " credentials to a proxy for HTTPS (-D" + BasicTunnelling.PROPERTY + "= must be on the JVM's"
                    + " command line: set while it runs, it has no effect; restart with it)";
        } else {
            why = "it refused aem.<env>.proxy-user and aem.<env>.proxy-password (wrong user or password?)";
        }
        return new ImsException("IMS at " + uri + " could not be reached: " + proxyDescription()
                + " answered 407 Proxy Authentication Required: " + why, 407, null, null, null);
    }

    private String proxyDescription() {
        return network.proxy().map(p -> "the proxy " + p.address() + " (aem.<env>.proxy-address)")
                .orElse("a proxy (the JVM's proxy settings)");
    }

    /**
     * Whether {@code failure} or one of its causes is of one of {@code types}: an address that did not resolve
     * (however the client wraps it), a certificate path that did not lead to a trusted certificate.
     */
    private static boolean causedBy(Throwable failure, Class<?>... types) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Class<?> type : types) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    private ImsUnavailableException unavailable(URI uri, String what, Throwable cause) {
        return new ImsUnavailableException("IMS at " + uri + " " + what, cause);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Ends this client's threads; an exchange in progress fails. Closing twice is harmless. */
    @Override
    public void close() {
        http = null;
        closing.completeExceptionally(new IllegalStateException("The IMS client is closed (its AEM environment"
                + " was closed)"));
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /**
     * The secrets as a server could echo them back: as sent (form-encoded), decoded, and as a JSON string
     * escapes them, so that a proxy's error page quoting the request shows none of them.
     */
    static List<String> echoes(List<String> secrets) {
        List<String> echoes = new ArrayList<>();
        for (String secret : secrets) {
            echoes.add(secret);
            echoes.add(encode(secret));
            for (JsonEscapes style : JsonEscapes.values()) {
                String json = style.escape(secret);
                echoes.add(json);
                echoes.add(json.replace("/", "\\/"));
            }
        }
        // Longest first: a shorter variant must not break up a longer one before it is masked.
        echoes.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(new LinkedHashSet<>(echoes));
    }

    /**
     * JSON writers differ. All escape the quote, the backslash and control characters (backspace, form feed,
     * newline, return and tab in their short form, the others as a unicode escape in lower-case hex: Parsson,
     * Gson; or upper-case: Jackson) and leave DEL as it is; some also escape DEL and every non-ASCII character.
     */
    private enum JsonEscapes {
        MINIMAL_LOWER_HEX("\\u%04x", false), MINIMAL_UPPER_HEX("\\u%04X", false),
        ASCII_LOWER_HEX("\\u%04x", true), ASCII_UPPER_HEX("\\u%04X", true);

        private static final String SHORT = "\b\f\n\r\t";
        private static final String SHORT_LETTERS = "bfnrt";

        private final String unicodeFormat;
        private final boolean asciiOnly;

        JsonEscapes(String unicodeFormat, boolean asciiOnly) {
            this.unicodeFormat = unicodeFormat;
            this.asciiOnly = asciiOnly;
        }

        String escape(String value) {
            StringBuilder escaped = new StringBuilder();
            for (char c : value.toCharArray()) {
                int shortForm = SHORT.indexOf(c);
                if (c == '"' || c == '\\') {
                    escaped.append('\\').append(c);
                } else if (shortForm >= 0) {
                    escaped.append('\\').append(SHORT_LETTERS.charAt(shortForm));
                } else if (c < 0x20 || asciiOnly && c > 0x7E) {
                    escaped.append(String.format(unicodeFormat, (int) c));
                } else {
                    escaped.append(c);
                }
            }
            return escaped.toString();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

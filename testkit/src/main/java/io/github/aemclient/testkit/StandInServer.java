package io.github.aemclient.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP plumbing both stand-ins share: a loopback-only server, queued faults, JSON answers. Each request
 * is served on a daemon thread of its own pool; every public method may be called from any thread while
 * requests are being served.
 */
abstract class StandInServer implements AutoCloseable {

    private final HttpServer server;
    private final boolean tls;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private volatile java.util.function.Consumer<String> log = line -> { };
    private final AtomicInteger received = new AtomicInteger();

    StandInServer(int port, String name) {
        this(port, name, null);
    }

    /** @param tls serves HTTPS with this identity; null serves plain HTTP */
    StandInServer(int port, String name, TestTls tls) {
        this.tls = tls != null;
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            if (tls == null) {
                server = HttpServer.create(address, 128);
            } else {
                HttpsServer https = HttpsServer.create(address, 128);
                https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the " + name + " on 127.0.0.1:" + port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", guarded(exchange -> {
            received.incrementAndGet();
            handle(exchange);
        }));
        server.start();
    }

    /** {@return {@code http://127.0.0.1:<port>} (or {@code https://} when started with a {@link TestTls}), where it listens} */
    public URI url() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The socket address the server is bound to, as the operating system has it. */
    InetSocketAddress boundAddress() {
        return server.getAddress();
    }

    /** {@return the loopback port it listens on} */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Reports each request served, one line each (no secrets), e.g. to {@code System.out::println}.
     *
     * @param log receives the lines, on the serving threads; replaces the previous one
     * @throws NullPointerException when {@code log} is null
     */
    public void logTo(java.util.function.Consumer<String> log) {
        this.log = java.util.Objects.requireNonNull(log);
    }

    void log(String line) {
        log.accept(line);
    }

    /**
     * Queues faults for the next requests, in order; each is used by one request, then dropped.
     *
     * @param next what the next requests get instead of (or before) a normal answer
     */
    public void enqueue(Fault... next) {
        faults.addAll(Arrays.asList(next));
    }

    /** {@return how many queued faults no request has used yet} */
    public int pendingFaults() {
        return faults.size();
    }

    /** {@return the number of requests that arrived} Counted on arrival: a stalled one counts before it is answered. */
    public int received() {
        return received.get();
    }

    abstract void handle(HttpExchange exchange) throws IOException;

    /** The next queued fault, or null; its delay already waited. */
    Fault nextFault() {
        Fault fault = faults.poll();
        if (fault != null && !fault.delay.isZero()) {
            try {
                Thread.sleep(fault.delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return fault;
    }

    /** The status a fault answers with: 0 when it drops the connection. Record requests before answering. */
    static int statusOf(Fault fault) {
        return fault.disconnect ? 0 : fault.status;
    }

    /** Answers (or drops) the request as a fault that does not answer normally says. */
    static void answer(HttpExchange exchange, Fault fault) throws IOException {
        if (fault.disconnect) {
            exchange.close();
            return;
        }
        if (fault.retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", fault.retryAfter);
        }
        if (fault.streamedBytes >= 0) {
            stream(exchange, fault.status, fault.contentType, fault.streamedBytes);
            return;
        }
        if (fault.stallAfterHeaders != null) {
            stall(exchange, fault.status, fault.contentType, fault.stallAfterHeaders);
            return;
        }
        send(exchange, fault.status, fault.contentType, fault.body);
    }

    /** Headers and the first bytes of a body, then silence: a server that hangs half-way through its answer. */
    private static void stall(HttpExchange exchange, int status, String contentType, Duration stall) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("{\"token_type\":\"bearer\",".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(stall.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientHungUp) {
            // the client gave up: what a bounded client does
        } finally {
            exchange.close();
        }
    }

    /** Writes a body of {@code bytes} bytes chunk by chunk (chunked encoding), until done or the client hangs up. */
    private static void stream(HttpExchange exchange, int status, String contentType, long bytes) throws IOException {
        byte[] start = "{\"access_token\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] filler = new byte[8192];
        Arrays.fill(filler, (byte) 'a');
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            long remaining = bytes;
            int head = (int) Math.min(start.length, remaining);
            out.write(start, 0, head);
            remaining -= head;
            while (remaining > 0) {
                int n = (int) Math.min(filler.length, remaining);
                out.write(filler, 0, n);
                remaining -= n;
            }
        } catch (IOException clientHungUp) {
            // What a bounded client does: nothing more to send.
        } finally {
            exchange.close();
        }
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json;charset=utf-8", json);
    }

    private static HttpHandler guarded(HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (RuntimeException | IOException e) {
                try {
                    sendJson(exchange, 500, "{\"error\":\"internal_error\",\"error_description\":\"stand-in failure: "
                            + e.getClass().getSimpleName() + "\"}");
                } catch (IOException | RuntimeException ignored) {
                    exchange.close();
                }
            }
        };
    }

    /**
     * Stops listening at once and ends the serving threads, waiting at most 5 seconds for them. Requests
     * being served are cut off.
     */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

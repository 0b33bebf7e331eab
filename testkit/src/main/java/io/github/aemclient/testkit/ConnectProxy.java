package io.github.aemclient.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP proxy on a loopback port, as a corporate network has one: HTTPS goes through {@code CONNECT}
 * tunnels, plain HTTP as absolute-form requests; with {@link #requireBasic} it answers
 * {@code 407 Proxy Authentication Required} (with {@code Proxy-Authenticate: Basic}) to any request without
 * the right {@code Proxy-Authorization}. It forwards to loopback addresses only (a request for any other host
 * gets {@code 403}) and records where each request it let through went. Thread-safe.
 */
public final class ConnectProxy implements AutoCloseable {

    private static final int MAX_HEAD_BYTES = 16 * 1024;

    private final ServerSocket server;
    private final List<String> forwarded = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger refused = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile String expectedAuthorization;
    private volatile List<String> challenges = List.of("Basic realm=\"testkit proxy\"");

    private ConnectProxy() {
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the proxy on 127.0.0.1", e);
        }
        Thread acceptor = new Thread(this::accept, "connect-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@return a started proxy on a free loopback port, asking for no credentials} */
    public static ConnectProxy start() {
        return new ConnectProxy();
    }

    /**
     * Lets requests through only with {@code Proxy-Authorization: Basic base64(user:password)} (UTF-8).
     *
     * @param user the user
     * @param password the password
     * @return this proxy
     */
    public ConnectProxy requireBasic(String user, String password) {
        expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (Objects.requireNonNull(user) + ":" + Objects.requireNonNull(password)).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Refuses every request with 407, offering only these schemes (e.g. {@code NTLM}, {@code Negotiate}): a
     * proxy a Basic-only client cannot get through.
     *
     * @param schemes the {@code Proxy-Authenticate} values
     * @return this proxy
     */
    public ConnectProxy requireOnly(String... schemes) {
        expectedAuthorization = "";
        challenges = java.util.List.of(schemes);
        return this;
    }

    /** {@return {@code 127.0.0.1:<port>}, as a proxy address setting takes it} */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** {@return the port it listens on} */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * {@return where the requests it let through went, in order: {@code CONNECT 127.0.0.1:4711} for a tunnel,
     * {@code GET http://127.0.0.1:4711/path} for a plain HTTP request}
     */
    public List<String> forwarded() {
        synchronized (forwarded) {
            return List.copyOf(forwarded);
        }
    }

    /** {@return how many requests it answered with 407} */
    public int refused() {
        return refused.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread thread = new Thread(() -> serve(client), "connect-proxy-client");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3) {
                answer(out, "400 Bad Request", "");
                return;
            }
            String expected = expectedAuthorization;
            if (expected != null && !expected.equals(header(lines, "Proxy-Authorization"))) {
                refused.incrementAndGet();
                StringBuilder headers = new StringBuilder();
                challenges.forEach(challenge -> headers.append("Proxy-Authenticate: ").append(challenge).append("\r\n"));
                answer(out, "407 Proxy Authentication Required", headers.toString());
                return;
            }
            String method = requestLine[0];
            String host;
            int port;
            String forwardedHead = null;
            if (method.equals("CONNECT")) {
                URI authority = URI.create("//" + requestLine[1]);
                host = authority.getHost();
                port = authority.getPort();
            } else {
                URI target = URI.create(requestLine[1]);
                if (!"http".equalsIgnoreCase(target.getScheme())) {
                    answer(out, "400 Bad Request", "");
                    return;
                }
                host = target.getHost();
                port = target.getPort() < 0 ? 80 : target.getPort();
                StringBuilder rewritten = new StringBuilder(method + " " + target.getRawPath()
                        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()) + " " + requestLine[2] + "\r\n");
                for (int i = 1; i < lines.length; i++) {
                    String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).strip().toLowerCase(Locale.ROOT);
                    if (!name.equals("proxy-authorization") && !name.equals("proxy-connection")) {
                        rewritten.append(lines[i]).append("\r\n");
                    }
                }
                forwardedHead = rewritten.append("\r\n").toString();
            }
            if (host == null || port < 0 || !InetAddress.getByName(host).isLoopbackAddress()) {
                answer(out, "403 Forbidden", "");
                return;
            }
            try (Socket upstream = new Socket(host, port)) {
                open.add(upstream);
                forwarded.add(method.equals("CONNECT") ? "CONNECT " + host + ":" + port : method + " " + requestLine[1]);
                if (forwardedHead == null) {
                    out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } else {
                    upstream.getOutputStream().write(forwardedHead.getBytes(StandardCharsets.ISO_8859_1));
                }
                Thread back = new Thread(() -> pipe(upstream, client), "connect-proxy-back");
                back.setDaemon(true);
                back.start();
                pipe(client, upstream);
                back.join();
            } finally {
                open.removeIf(Socket::isClosed);
            }
        } catch (IOException | RuntimeException e) {
            // the client or the target went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ended) {
            // one side closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static String header(String[] lines, String name) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).strip().equalsIgnoreCase(name)) {
                return lines[i].substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static void answer(OutputStream out, String status, String headers) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The request line and headers, up to the blank line; null when the client closed first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < MAX_HEAD_BYTES) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }

    /** Stops listening and cuts every connection. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}

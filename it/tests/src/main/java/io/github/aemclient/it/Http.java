package io.github.aemclient.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The tests' own HTTP calls to the application on the server. */
final class Http {

    /**
     * HTTP/1.1, a connection per request in flight: with the default, HTTP/2, a plain connection is upgraded and
     * concurrent requests become streams of that one connection, and on a machine busy with mutation testing one
     * of RedeployIT's 48 concurrent requests to Open Liberty went unanswered for a minute (an HTTP/2 stream timed
     * out), while the application it was for could not be stopped for half a minute more.
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Http() {
    }

    /** A GET with a generous timeout (a server under a whole suite can be slow), its body as text. */
    static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri));
    }

    /** A GET allowed {@code timeout}, for calls that queue behind many others in the server. */
    static HttpResponse<String> get(URI uri, Duration timeout) {
        return send(HttpRequest.newBuilder(uri), timeout);
    }

    /** A PUT of text, like {@link #get(URI)}. */
    static HttpResponse<String> put(URI uri, String text) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(text)));
    }

    /** Any request, like {@link #get(URI)}, answered later. */
    static CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return CLIENT.sendAsync(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any request, like {@link #get(URI)}. */
    static HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, TIMEOUT);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) {
        try {
            return CLIENT.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.github.aemclient.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * What a stand-in does instead of (or before) answering normally, queued with
 * {@code enqueue(...)} and used by the next requests in order.
 */
public final class Fault {

    final Duration delay;
    final int status;
    final String contentType;
    final String body;
    final String retryAfter;
    final boolean disconnect;
    /** With {@link #largeBody}: how many body bytes to stream; -1 otherwise. */
    final long streamedBytes;

    private Fault(Duration delay, int status, String contentType, String body, String retryAfter, boolean disconnect) {
        this(delay, status, contentType, body, retryAfter, disconnect, -1);
    }

    private Fault(Duration delay, int status, String contentType, String body, String retryAfter, boolean disconnect,
            long streamedBytes) {
        this.delay = delay;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.retryAfter = retryAfter;
        this.disconnect = disconnect;
        this.streamedBytes = streamedBytes;
    }

    /** An error in Adobe's shape: {@code {"error":...,"error_description":...}}. */
    public static Fault error(int status, String error, String description) {
        String body = "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
        return new Fault(Duration.ZERO, status, "application/json;charset=utf-8", body, null, false);
    }

    /** Any status and body, e.g. a load balancer's HTML error page. */
    public static Fault body(int status, String contentType, String body) {
        return new Fault(Duration.ZERO, status, contentType, Objects.requireNonNull(body), null, false);
    }

    /**
     * A JSON answer of {@code bytes} bytes — {@code {"access_token":"aaaa...}, never closed — streamed as it
     * is written, so it can exceed memory; {@code Long.MAX_VALUE} streams until the client hangs up. For
     * clients that must bound what they read.
     */
    public static Fault largeBody(int status, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
        return new Fault(Duration.ZERO, status, "application/json;charset=utf-8", null, null, false, bytes);
    }

    /** Wait, then answer normally. */
    public static Fault delay(Duration delay) {
        return new Fault(delay, 0, null, null, null, false);
    }

    /** Close the connection without answering. */
    public static Fault disconnect() {
        return new Fault(Duration.ZERO, 0, null, null, null, true);
    }

    /** The same fault, after waiting {@code delay}. */
    public Fault after(Duration delay) {
        return new Fault(delay, status, contentType, body, retryAfter, disconnect, streamedBytes);
    }

    /** The same fault with a {@code Retry-After} header. */
    public Fault withRetryAfter(String retryAfter) {
        return new Fault(delay, status, contentType, body, retryAfter, disconnect, streamedBytes);
    }

    boolean answersNormally() {
        return status == 0 && !disconnect;
    }

    @Override
    public String toString() {
        return disconnect ? "Fault[disconnect]" : status == 0 ? "Fault[delay " + delay + "]"
                : streamedBytes >= 0 ? "Fault[" + status + ", " + streamedBytes + " body bytes, after " + delay + "]"
                : "Fault[" + status + " after " + delay + "]";
    }
}

package io.github.aemclient.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * What a stand-in does instead of (or before) answering normally, queued with
 * {@code enqueue(...)} and used by the next requests in order. Immutable.
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
    /** With {@link #stalledBody}: how long to send nothing after the headers; null otherwise. */
    final Duration stallAfterHeaders;

    private Fault(Duration delay, int status, String contentType, String body, String retryAfter, boolean disconnect) {
        this(delay, status, contentType, body, retryAfter, disconnect, -1);
    }

    private Fault(Duration delay, int status, String contentType, String body, String retryAfter, boolean disconnect,
            long streamedBytes) {
        this(delay, status, contentType, body, retryAfter, disconnect, streamedBytes, null);
    }

    private Fault(Duration delay, int status, String contentType, String body, String retryAfter, boolean disconnect,
            long streamedBytes, Duration stallAfterHeaders) {
        this.stallAfterHeaders = stallAfterHeaders;
        this.delay = delay;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.retryAfter = retryAfter;
        this.disconnect = disconnect;
        this.streamedBytes = streamedBytes;
    }

    /**
     * {@return an error answer in Adobe's shape: {@code {"error":...,"error_description":...}}}
     *
     * @param status the HTTP status
     * @param error the {@code error} code, inserted as it is (not JSON-escaped)
     * @param description the {@code error_description}, inserted as it is
     */
    public static Fault error(int status, String error, String description) {
        String body = "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
        return new Fault(Duration.ZERO, status, "application/json;charset=utf-8", body, null, false);
    }

    /**
     * {@return an answer of any status and body} A load balancer's HTML error page, say.
     *
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}
     * @param body the body, sent as UTF-8
     * @throws NullPointerException when {@code body} is null
     */
    public static Fault body(int status, String contentType, String body) {
        return new Fault(Duration.ZERO, status, contentType, Objects.requireNonNull(body), null, false);
    }

    /**
     * {@return a JSON answer of {@code bytes} bytes, streamed as it is written} The body,
     * <code>{"access_token":"aaaa...</code>, is never closed and can exceed memory; {@code Long.MAX_VALUE}
     * streams until the client hangs up. For clients that must bound what they read.
     *
     * @param status the HTTP status
     * @param bytes the body's length
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public static Fault largeBody(int status, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
        return new Fault(Duration.ZERO, status, "application/json;charset=utf-8", null, null, false, bytes);
    }

    /**
     * {@return an answer that sends its status and headers and the first bytes of a body, then nothing for
     * {@code stall}}: an IMS, proxy or load balancer that hangs half-way. The stand-in then closes the exchange.
     *
     * @param status the HTTP status sent
     * @param stall how long to send nothing after the first bytes
     */
    public static Fault stalledBody(int status, Duration stall) {
        return new Fault(Duration.ZERO, status, "application/json", null, null, false, -1, stall);
    }

    /**
     * {@return a fault that waits, then lets the request be answered normally}
     *
     * @param delay how long to wait
     */
    public static Fault delay(Duration delay) {
        return new Fault(delay, 0, null, null, null, false);
    }

    /** {@return a fault that closes the connection without answering} */
    public static Fault disconnect() {
        return new Fault(Duration.ZERO, 0, null, null, null, true);
    }

    /**
     * {@return the same fault, answered after waiting {@code delay} (instead of this fault's delay)}
     *
     * @param delay how long to wait first
     */
    public Fault after(Duration delay) {
        return new Fault(delay, status, contentType, body, retryAfter, disconnect, streamedBytes);
    }

    /**
     * {@return the same fault with a {@code Retry-After} header}
     *
     * @param retryAfter the header's value, as sent: seconds or an HTTP date
     */
    public Fault withRetryAfter(String retryAfter) {
        return new Fault(delay, status, contentType, body, retryAfter, disconnect, streamedBytes);
    }

    boolean answersNormally() {
        return status == 0 && !disconnect;
    }

    /** {@return what the fault does, for test reports} */
    @Override
    public String toString() {
        return disconnect ? "Fault[disconnect]" : status == 0 ? "Fault[delay " + delay + "]"
                : streamedBytes >= 0 ? "Fault[" + status + ", " + streamedBytes + " body bytes, after " + delay + "]"
                : stallAfterHeaders != null ? "Fault[" + status + ", body stalled for " + stallAfterHeaders + "]"
                : "Fault[" + status + " after " + delay + "]";
    }
}

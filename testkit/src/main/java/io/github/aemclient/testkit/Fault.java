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

    private Fault(Duration delay, int status, String contentType, String body, String retryAfter, boolean disconnect) {
        this.delay = delay;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.retryAfter = retryAfter;
        this.disconnect = disconnect;
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
        return new Fault(delay, status, contentType, body, retryAfter, disconnect);
    }

    /** The same fault with a {@code Retry-After} header. */
    public Fault withRetryAfter(String retryAfter) {
        return new Fault(delay, status, contentType, body, retryAfter, disconnect);
    }

    boolean answersNormally() {
        return status == 0 && !disconnect;
    }

    @Override
    public String toString() {
        return disconnect ? "Fault[disconnect]" : status == 0 ? "Fault[delay " + delay + "]"
                : "Fault[" + status + " after " + delay + "]";
    }
}

package io.github.aemclient.internal.ims;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a limit, as UTF-8 text. Past the limit, reading stops and the connection is
 * dropped: what was received is discarded and only the fact is kept, so memory stays bounded however much
 * the server sends, and an endless body ends the exchange at once instead of at the timeout.
 */
final class BoundedBody {

    private final String text;

    private BoundedBody(String text) {
        this.text = text;
    }

    /** Reads bodies of at most {@code limit} bytes. */
    static HttpResponse.BodyHandler<BoundedBody> handler(int limit) {
        return responseInfo -> new Subscriber(limit);
    }

    /** True when the body was larger than the limit; {@link #text()} is then null. */
    boolean tooLarge() {
        return text == null;
    }

    String text() {
        return text;
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<BoundedBody> {

        private final int limit;
        private final CompletableFuture<BoundedBody> body = new CompletableFuture<>();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Subscriber(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<BoundedBody> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (buffer.remaining() > limit - received.size()) {
                    subscription.cancel();
                    body.complete(new BoundedBody(null));
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                received.write(bytes, 0, bytes.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(new BoundedBody(received.toString(StandardCharsets.UTF_8)));
        }
    }
}

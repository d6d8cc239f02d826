package io.hookgate.dispatcher.http;

import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;

/**
 * Reads the status and {@code Retry-After} of a receiver's answer and discards its body as it
 * arrives: a receiver cannot make the dispatcher buffer anything.
 */
final class StatusOnlyConsumer implements AsyncResponseConsumer<HttpOutcome> {

    private final Clock clock;
    private FutureCallback<HttpOutcome> callback;
    private HttpOutcome outcome;

    StatusOnlyConsumer(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public void consumeResponse(final HttpResponse response, final EntityDetails entityDetails, final HttpContext context,
                                final FutureCallback<HttpOutcome> resultCallback) {
        final Header retryAfter = response.getFirstHeader("Retry-After");
        outcome = HttpOutcome.answered(response.getCode(),
            RetryAfter.parse(retryAfter == null ? null : retryAfter.getValue(), clock.instant()));
        if (entityDetails == null) {
            resultCallback.completed(outcome);
        } else {
            callback = resultCallback;
        }
    }

    @Override
    public void informationResponse(final HttpResponse response, final HttpContext context) {
        // 1xx answers carry nothing a delivery needs.
    }

    @Override
    public void updateCapacity(final CapacityChannel capacityChannel) throws java.io.IOException {
        capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(final ByteBuffer src) {
        src.position(src.limit());
    }

    @Override
    public void streamEnd(final List<? extends Header> trailers) {
        if (callback != null) {
            callback.completed(outcome);
        }
    }

    @Override
    public void failed(final Exception cause) {
        // The exchange's own callback reports the failure.
    }

    @Override
    public void releaseResources() {
        callback = null;
    }
}

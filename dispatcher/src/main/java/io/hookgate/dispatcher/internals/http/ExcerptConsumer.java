package io.hookgate.dispatcher.internals.http;

import io.hookgate.core.delivery.SubscriberResponse;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a receiver's answer: its status, its {@code Retry-After}, and an excerpt of what it said
 * ({@link SubscriberResponse}: a few headers, the first {@value SubscriberResponse#MAX_BODY_BYTES}
 * bytes of its body), discarding the rest of the body as it arrives (only counted): a receiver
 * cannot make the dispatcher buffer more than that.
 */
final class ExcerptConsumer implements AsyncResponseConsumer<HttpOutcome> {

    private final Clock clock;
    private final byte[] excerpt = new byte[SubscriberResponse.MAX_BODY_BYTES];
    private FutureCallback<HttpOutcome> callback;
    private int status;
    private Optional<Duration> retryAfter = Optional.empty();
    private List<Map.Entry<String, String>> headers = List.of();
    private int kept;
    private long bodyBytes;

    ExcerptConsumer(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public void consumeResponse(final HttpResponse response, final EntityDetails entityDetails, final HttpContext context,
                                final FutureCallback<HttpOutcome> resultCallback) {
        status = response.getCode();
        final Header retry = response.getFirstHeader("Retry-After");
        retryAfter = RetryAfter.parse(retry == null ? null : retry.getValue(), clock.instant());
        final List<Map.Entry<String, String>> received = new ArrayList<>();
        for (Header header : response.getHeaders()) {
            received.add(Map.entry(header.getName(), header.getValue() == null ? "" : header.getValue()));
        }
        headers = received;
        if (entityDetails == null) {
            resultCallback.completed(outcome());
        } else {
            callback = resultCallback;
        }
    }

    private HttpOutcome outcome() {
        return HttpOutcome.answered(status, retryAfter, SubscriberResponse.of(headers, excerpt, kept, bodyBytes));
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
        final int room = Math.min(excerpt.length - kept, src.remaining());
        src.get(excerpt, kept, room);
        kept += room;
        bodyBytes += room + src.remaining();
        src.position(src.limit());
    }

    @Override
    public void streamEnd(final List<? extends Header> trailers) {
        if (callback != null) {
            callback.completed(outcome());
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

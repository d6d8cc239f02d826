package io.hookgate.dispatcher;

import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.tracing.TraceHeaders;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.dispatcher.internals.http.HttpOutcome;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The span of one delivery attempt: an HTTP CLIENT span, a child of the span the task's record
 * names (the processor's {@code deduplicate}), so every attempt of a delivery, retries included,
 * hangs off the same parent in the webhook's trace. The subscriber receives this span as its
 * {@code traceparent} (the outbound signature covers the body only, so the header changes
 * nothing there). The URL's path and query are left out of the span: they may hold a credential.
 */
final class AttemptTracing {

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> SERVER = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> SUBSCRIPTION = AttributeKey.stringKey("hookgate.subscription");
    static final AttributeKey<String> DELIVERY_ID = AttributeKey.stringKey("hookgate.delivery_id");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("hookgate.attempt");
    static final AttributeKey<String> SOURCE = AttributeKey.stringKey("hookgate.source");
    static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("hookgate.event_id");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("hookgate.outcome");

    private final Tracing tracing;

    AttemptTracing(final Tracing tracing) {
        this.tracing = tracing;
    }

    /** Starts the span of {@code task}'s next attempt, a child of {@code trace}. */
    Span start(final Context trace, final SubscriptionConfig subscription, final DeliveryTask task) {
        final URI url = subscription.url();
        return tracing.tracer().spanBuilder("POST " + subscription.id())
            .setParent(trace)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(METHOD, "POST")
            .setAttribute(SCHEME, url.getScheme())
            .setAttribute(SERVER, url.getHost())
            .setAttribute(PORT, (long) (url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80))
            .setAttribute(SUBSCRIPTION, subscription.id())
            .setAttribute(DELIVERY_ID, task.deliveryId())
            .setAttribute(ATTEMPT, (long) task.attempt())
            .setAttribute(SOURCE, task.eventRef().source())
            .setAttribute(EVENT_ID, task.eventRef().eventId())
            .startSpan();
    }

    /** {@code headers} with the {@code traceparent} (and {@code tracestate}) naming {@code span}. */
    static HttpHeaders withTraceContext(final HttpHeaders headers, final Span span) {
        final Map<String, String> context = new LinkedHashMap<>();
        TraceHeaders.inject(Context.root().with(span), context, (carrier, key, value) -> carrier.put(key, value));
        HttpHeaders result = headers;
        for (Map.Entry<String, String> header : context.entrySet()) {
            result = result.with(header.getKey(), header.getValue());
        }
        return result;
    }

    /** Ends {@code span} with what the endpoint answered and what became of the task ({@code delivered}, {@code retry}, {@code dlq}). */
    static void end(final Span span, final HttpOutcome outcome, final String verdict) {
        span.setAttribute(OUTCOME, verdict);
        if (outcome.status() > 0) {
            span.setAttribute(STATUS, (long) outcome.status());
        }
        if (outcome.status() < 200 || outcome.status() >= 300) {
            // An HTTP client span fails on any answer that is not a success, and on no answer.
            span.setAttribute(ERROR_TYPE, outcome.status() > 0 ? Integer.toString(outcome.status()) : errorType(outcome.error()));
            span.setStatus(StatusCode.ERROR, outcome.status() > 0 ? "HTTP " + outcome.status() : outcome.error());
        }
        span.end();
    }

    /** The kind of a failure (the exception's name before its message), never its free text. */
    private static String errorType(final String error) {
        if (error == null) {
            return "_OTHER";
        }
        final int colon = error.indexOf(':');
        return colon > 0 ? error.substring(0, colon) : error.startsWith("timeout") ? "timeout" : "_OTHER";
    }

    /** {@code record} (a task handed on to a retry tier) carrying {@code trace}, so the next attempt joins the same trace. */
    static ProducerRecord<byte[], byte[]> carry(final Context trace, final ProducerRecord<byte[], byte[]> record) {
        TraceHeaders.inject(trace, record.headers());
        return record;
    }
}

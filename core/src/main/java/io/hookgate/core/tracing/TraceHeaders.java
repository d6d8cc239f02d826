package io.hookgate.core.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) in Kafka record headers: how one
 * webhook's trace travels from the ingress through the processor to every delivery attempt, in
 * one JVM or many. Written as the OpenTelemetry Kafka instrumentation does (a key's old value
 * removed, then the new one added) and read from the last value of a key. A record without a
 * valid {@code traceparent} (an old record, a replay) yields the root context: its spans start a
 * new trace. Needs no SDK: the W3C propagator is part of the API.
 */
public final class TraceHeaders {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** Every header this class writes; a copy that must start a new trace leaves them out. */
    public static final Set<String> KEYS = Set.of(TRACEPARENT, TRACESTATE);

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
        if (headers != null) {
            headers.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(final Headers headers) {
            final List<String> keys = new ArrayList<>();
            headers.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(final Headers headers, final String key) {
            if (headers == null) {
                return null;
            }
            final Header header = headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private TraceHeaders() {
    }

    /**
     * Replaces the trace headers of {@code headers} with the span context of {@code context};
     * when it has no valid span, removes them, so that no stale parent is passed on.
     */
    public static Headers inject(final Context context, final Headers headers) {
        KEYS.forEach(headers::remove);
        W3C.inject(context, headers, SETTER);
        return headers;
    }

    /** The context whose remote parent is the span named by {@code headers}, or the root context when none is (validly). */
    public static Context extract(final Headers headers) {
        return W3C.extract(Context.root(), headers, GETTER);
    }

    /** The context of an incoming request's headers, read with {@code getter} (an HTTP server's own header type). */
    public static <C> Context extract(final C carrier, final TextMapGetter<C> getter) {
        return W3C.extract(Context.root(), carrier, getter);
    }

    /** Writes the span context of {@code context} into a carrier of another kind (an outbound HTTP request). */
    public static <C> void inject(final Context context, final C carrier, final TextMapSetter<C> setter) {
        W3C.inject(context, carrier, setter);
    }

    /** Copies the trace headers of {@code from} into {@code to}, replacing any there. */
    public static Headers copy(final Headers from, final Headers to) {
        for (String key : KEYS) {
            to.remove(key);
            final Header header = from.lastHeader(key);
            if (header != null && header.value() != null) {
                to.add(key, header.value());
            }
        }
        return to;
    }
}

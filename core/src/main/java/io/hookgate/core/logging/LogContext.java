package io.hookgate.core.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids a log line carries as MDC fields while a piece of work is done on a thread:
 * {@code try (LogContext ignored = LogContext.of(LogContext.SOURCE, source).and(...)) {...}}. On
 * close each field gets back the value it had before (or is removed), so pooled threads (Kafka
 * Streams, Undertow, HttpClient) never carry one request's ids into the next. Use on one thread.
 */
public final class LogContext implements AutoCloseable {

    public static final String SOURCE = "source";
    public static final String EVENT_ID = "eventId";
    public static final String INGRESS_ID = "ingressId";
    public static final String SUBSCRIPTION = "subscription";
    public static final String DELIVERY_ID = "deliveryId";
    public static final String TRACE_ID = "traceId";

    private record Previous(String key, String value) {
    }

    private final List<Previous> previous = new ArrayList<>(6);

    private LogContext() {
    }

    /** A context with no field set yet. */
    public static LogContext empty() {
        return new LogContext();
    }

    /** A context with {@code key} set to {@code value} (a null value sets nothing). */
    public static LogContext of(final String key, final String value) {
        return new LogContext().and(key, value);
    }

    /** Sets {@code key} to {@code value} too; a null value sets nothing. */
    public LogContext and(final String key, final String value) {
        if (value != null) {
            previous.add(new Previous(key, MDC.get(key)));
            MDC.put(key, value);
        }
        return this;
    }

    /** Sets {@code traceId} from the span of {@code context}, when it has a valid one. */
    public LogContext andTrace(final Context context) {
        final SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid() ? and(TRACE_ID, span.getTraceId()) : this;
    }

    @Override
    public void close() {
        for (int i = previous.size() - 1; i >= 0; i--) {
            final Previous field = previous.get(i);
            if (field.value() == null) {
                MDC.remove(field.key());
            } else {
                MDC.put(field.key(), field.value());
            }
        }
        previous.clear();
    }
}

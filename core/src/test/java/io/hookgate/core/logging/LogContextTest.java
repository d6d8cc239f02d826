package io.hookgate.core.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class LogContextTest {

    @Test
    void setsFieldsAndRestoresWhatWasThereOnClose() {
        MDC.put(LogContext.SOURCE, "outer");
        try {
            try (LogContext ignored = LogContext.of(LogContext.SOURCE, "inner").and(LogContext.INGRESS_ID, "in-1")
                .and(LogContext.EVENT_ID, null)) {
                assertThat(MDC.get(LogContext.SOURCE)).isEqualTo("inner");
                assertThat(MDC.get(LogContext.INGRESS_ID)).isEqualTo("in-1");
                assertThat(MDC.get(LogContext.EVENT_ID)).isNull();
            }
            assertThat(MDC.get(LogContext.SOURCE)).isEqualTo("outer");
            assertThat(MDC.get(LogContext.INGRESS_ID)).isNull();
        } finally {
            MDC.clear();
        }
    }

    @Test
    void carriesTheTraceIdOfAValidSpanOnly() {
        final String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        final Context traced = Context.root().with(Span.wrap(SpanContext.create(traceId, "00f067aa0ba902b7", TraceFlags.getSampled(),
            TraceState.getDefault())));
        try (LogContext ignored = LogContext.empty().andTrace(traced)) {
            assertThat(MDC.get(LogContext.TRACE_ID)).isEqualTo(traceId);
        }
        try (LogContext ignored = LogContext.empty().andTrace(Context.root())) {
            assertThat(MDC.get(LogContext.TRACE_ID)).isNull();
        }
        assertThat(MDC.get(LogContext.TRACE_ID)).isNull();
    }
}

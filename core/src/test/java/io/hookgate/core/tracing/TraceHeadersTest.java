package io.hookgate.core.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TraceHeadersTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

    private static Context withSpan(final String spanId, final TraceState state) {
        return Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, spanId, TraceFlags.getSampled(), state)));
    }

    private static String text(final Headers headers, final String key) {
        return headers.lastHeader(key) == null ? null : new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    @Test
    void writesOneTraceparentAndTracestateReplacingOldOnes() {
        final Headers headers = new RecordHeaders();
        headers.add(TraceHeaders.TRACEPARENT, "00-old".getBytes(StandardCharsets.UTF_8));
        headers.add(TraceHeaders.TRACEPARENT, "00-older".getBytes(StandardCharsets.UTF_8));
        TraceHeaders.inject(withSpan(SPAN_ID, TraceState.builder().put("vendor", "v1").build()), headers);
        assertThat(headers.headers(TraceHeaders.TRACEPARENT)).hasSize(1);
        assertThat(text(headers, TraceHeaders.TRACEPARENT)).isEqualTo(TRACEPARENT);
        assertThat(text(headers, TraceHeaders.TRACESTATE)).isEqualTo("vendor=v1");
    }

    @Test
    void readsTheLastTraceparentAsARemoteParent() {
        final Headers headers = new RecordHeaders();
        headers.add(TraceHeaders.TRACEPARENT, "00-11111111111111111111111111111111-2222222222222222-01".getBytes(StandardCharsets.UTF_8));
        headers.add(TraceHeaders.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        final SpanContext parent = Span.fromContext(TraceHeaders.extract(headers)).getSpanContext();
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(parent.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(parent.isSampled()).isTrue();
    }

    @Test
    void aRecordWithoutOrWithABrokenTraceparentStartsANewTrace() {
        assertThat(Span.fromContext(TraceHeaders.extract(new RecordHeaders())).getSpanContext().isValid()).isFalse();
        for (String broken : new String[] {"", "garbage", "00-" + TRACE_ID + "-" + SPAN_ID, "00-00000000000000000000000000000000-" + SPAN_ID + "-01",
            "ff-" + TRACE_ID + "-" + SPAN_ID + "-01"}) {
            final Headers headers = new RecordHeaders();
            headers.add(TraceHeaders.TRACEPARENT, broken.getBytes(StandardCharsets.UTF_8));
            assertThat(Span.fromContext(TraceHeaders.extract(headers)).getSpanContext().isValid()).as(broken).isFalse();
        }
    }

    @Test
    void aContextWithoutSpanRemovesStaleHeaders() {
        final Headers headers = new RecordHeaders();
        headers.add(TraceHeaders.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        headers.add(TraceHeaders.TRACESTATE, "a=b".getBytes(StandardCharsets.UTF_8));
        TraceHeaders.inject(Context.root(), headers);
        assertThat(headers.toArray()).isEmpty();
    }

    @Test
    void copiesOnlyTheTraceHeaders() {
        final Headers from = TraceHeaders.inject(withSpan(SPAN_ID, TraceState.getDefault()), new RecordHeaders());
        from.add("other", new byte[] {1});
        final Headers to = new RecordHeaders();
        to.add(TraceHeaders.TRACEPARENT, "00-stale".getBytes(StandardCharsets.UTF_8));
        TraceHeaders.copy(from, to);
        assertThat(to.toArray()).hasSize(1);
        assertThat(text(to, TraceHeaders.TRACEPARENT)).isEqualTo(TRACEPARENT);
    }
}

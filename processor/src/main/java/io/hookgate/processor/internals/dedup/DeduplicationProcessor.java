package io.hookgate.processor.internals.dedup;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.event.EncodedEvent;
import io.hookgate.core.logging.LogContext;
import io.hookgate.core.tracing.TraceHeaders;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.processor.ProcessorMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Forwards each event once within its source's {@code dedupRetention}, counted from the first
 * copy's receive time (the record timestamp). Runs on records keyed by their dedup key
 * ({@code {source}:{eventId}}, or the signed body's hash where the id is unsigned), so every copy
 * of an event meets the same task's store whatever the number of instances; exactly-once makes
 * the store update and the output commit together. What it forwards is keyed
 * {@code {source}:{eventId}}, the key of {@code verified.{source}}; the envelope is not read.
 * Expired ids are purged on stream time, through an expiry index, so the store cannot grow forever
 * and a replay of old records never expires ids early. Each copy is forwarded as {@link Deduplicated}: a
 * dropped duplicate too, so that the topology can record it in {@code events.duplicates}. Each record gets a
 * {@code deduplicate} span, a child of the span its trace headers name (the {@code verify} span); what it
 * forwards carries this span's context on to {@code verified.{source}} and the delivery tasks.
 */
public final class DeduplicationProcessor extends ContextualProcessor<String, EncodedEvent, String, Deduplicated> {

    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    private static final byte[] PRESENT = new byte[0];
    private static final AttributeKey<String> SOURCE = AttributeKey.stringKey("hookgate.source");
    private static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("hookgate.event_id");
    private static final AttributeKey<Boolean> DUPLICATE = AttributeKey.booleanKey("hookgate.duplicate");

    private final HookgateConfig config;
    private final ProcessorMetrics metrics;
    private final Tracing tracing;
    private KeyValueStore<String, Long> seen;
    private KeyValueStore<Bytes, byte[]> expiries;

    public DeduplicationProcessor(final HookgateConfig config, final ProcessorMetrics metrics, final Tracing tracing) {
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public void init(final ProcessorContext<String, Deduplicated> context) {
        super.init(context);
        seen = context.getStateStore(DedupStores.SEEN);
        expiries = context.getStateStore(DedupStores.EXPIRIES);
        context.schedule(PURGE_INTERVAL, PunctuationType.STREAM_TIME, this::purgeExpired);
    }

    @Override
    public void process(final Record<String, EncodedEvent> record) {
        final EventRef ref = record.value().ref();
        final Span span = tracing.tracer().spanBuilder("deduplicate").setParent(TraceHeaders.extract(record.headers()))
            .setAttribute(SOURCE, ref.source()).setAttribute(EVENT_ID, ref.eventId()).startSpan();
        try (Scope ignored = span.makeCurrent();
             LogContext log = LogContext.of(LogContext.SOURCE, ref.source()).and(LogContext.EVENT_ID, ref.eventId())
                 .and(LogContext.INGRESS_ID, ref.ingressId()).andTrace(Context.current())) {
            deduplicate(record, ref, span);
        } finally {
            span.end();
        }
    }

    private void deduplicate(final Record<String, EncodedEvent> record, final EventRef ref, final Span span) {
        final String key = record.key();
        final long receivedAt = record.timestamp();
        final Long expiresAt = seen.get(key);
        if (expiresAt != null && expiresAt > receivedAt) {
            span.setAttribute(DUPLICATE, true);
            metrics.duplicate(ref.source());
            context().forward(record.withKey(ref.dedupKey()).withValue(new Deduplicated(record.value(), true)));
            return;
        }
        span.setAttribute(DUPLICATE, false);
        final long newExpiry = receivedAt + retention(ref.source()).toMillis();
        seen.put(key, newExpiry);
        expiries.put(ExpiryIndex.key(newExpiry, key), PRESENT);
        metrics.published(ref.source());
        context().forward(record.withKey(ref.dedupKey()).withValue(new Deduplicated(record.value(), false))
            .withHeaders(TraceHeaders.inject(Context.current(), new RecordHeaders(record.headers().toArray()))));
    }

    private Duration retention(final String source) {
        return config.source(source).map(SourceConfig::dedupRetention).orElse(SourceConfig.DEDUP_RETENTION.defaultValue());
    }

    void purgeExpired(final long streamTime) {
        final List<Bytes> expired = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> range = expiries.range(ExpiryIndex.start(0), ExpiryIndex.start(streamTime))) {
            while (range.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = range.next();
                if (ExpiryIndex.expiresAt(entry.key) < streamTime) {
                    expired.add(entry.key);
                }
            }
        }
        for (Bytes indexKey : expired) {
            final String key = ExpiryIndex.dedupKey(indexKey);
            final Long current = seen.get(key);
            // The id may have been seen again after expiring; only its latest expiry counts.
            if (current != null && current <= ExpiryIndex.expiresAt(indexKey)) {
                seen.delete(key);
            }
            expiries.delete(indexKey);
        }
    }
}

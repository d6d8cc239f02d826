package io.hookgate.processor.internals.errors;

import io.hookgate.core.event.EventRefHeaders;
import io.hookgate.core.kafka.HeaderText;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.rejection.RejectionHeaders;
import io.hookgate.core.request.RawRecordCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * What the processor's exception handlers do with a record they give up on: record it in
 * {@code events.rejected} with a reason (never drop it silently), count it, and log its
 * coordinates. The rejected copy keeps the raw request's headers; its body only when the failing
 * record is the raw request itself and the caller says it may be kept.
 */
final class RejectedDiversion {

    /** Streams configuration key: the topic diverted records go to. */
    static final String REJECTED_TOPIC_CONFIG = "hookgate.rejected.topic";
    /** Streams configuration key: the raw topic, whose records are raw requests. */
    static final String RAW_TOPIC_CONFIG = "hookgate.raw.topic";
    /** Streams configuration key: the {@link MeterRegistry} counting diverted records (optional). */
    static final String REGISTRY_CONFIG = "hookgate.meter.registry";

    private static final Logger LOG = LoggerFactory.getLogger(RejectedDiversion.class);

    private final String rejectedTopic;
    private final String rawTopic;
    private final MeterRegistry registry;

    private RejectedDiversion(final String rejectedTopic, final String rawTopic, final MeterRegistry registry) {
        this.rejectedTopic = rejectedTopic;
        this.rawTopic = rawTopic;
        this.registry = registry;
    }

    /** The Streams settings the handlers read. */
    static Map<String, Object> settings(final String rejectedTopic, final String rawTopic, final MeterRegistry registry) {
        return Map.of(REJECTED_TOPIC_CONFIG, rejectedTopic, RAW_TOPIC_CONFIG, rawTopic, REGISTRY_CONFIG, registry);
    }

    static RejectedDiversion from(final Map<String, ?> configs) {
        if (!(configs.get(REJECTED_TOPIC_CONFIG) instanceof String rejected) || !(configs.get(RAW_TOPIC_CONFIG) instanceof String raw)) {
            throw new IllegalArgumentException(REJECTED_TOPIC_CONFIG + " and " + RAW_TOPIC_CONFIG + " must name the topics");
        }
        return new RejectedDiversion(rejected, raw, configs.get(REGISTRY_CONFIG) instanceof MeterRegistry given ? given : null);
    }

    ProducerRecord<byte[], byte[]> record(final ErrorHandlerContext context, final RejectReason reason, final String detail,
                                          final boolean keepBody) {
        final Headers headers = new RecordHeaders(context.headers().toArray());
        final String source = source(headers);
        final byte[] raw = context.sourceRawValue();
        final boolean bodyKept = keepBody && raw != null && rawTopic.equals(context.topic());
        RejectionHeaders.add(headers, reason, detail, Instant.ofEpochMilli(context.timestamp()));
        if (!bodyKept) {
            HeaderText.put(headers, RejectionHeaders.BODY_DROPPED, Integer.toString(raw == null ? 0 : raw.length));
        }
        LOG.error("Diverted a record of source={} ingressId={} to {} as {}: {} (from {}-{}@{}, node {})", source,
            RawRecordCodec.lastValue(headers, RawRecordCodec.INGRESS_ID), rejectedTopic, reason, detail, context.topic(),
            context.partition(), context.offset(), context.processorNodeId());
        if (registry != null) {
            Counter.builder("hookgate.processor.diverted").description("Records the processor gave up on and recorded as rejected")
                .tag("source", source).tag("reason", reason.code()).register(registry).increment();
        }
        return new ProducerRecord<>(rejectedTopic, null, context.timestamp(), source.getBytes(StandardCharsets.UTF_8),
            bodyKept ? raw : new byte[0], headers);
    }

    private static String source(final Headers headers) {
        final String raw = HeaderText.last(headers, RawRecordCodec.SOURCE);
        if (raw != null) {
            return raw;
        }
        final String event = HeaderText.last(headers, EventRefHeaders.SOURCE);
        return event == null ? "unknown" : event;
    }
}

package io.hookgate.processor.internals.verify;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.event.EncodedEvent;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.kafka.DedupPartitions;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.logging.LogContext;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.rejection.RejectionHeaders;
import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.request.RawRequest;
import io.hookgate.core.tracing.TraceHeaders;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.processor.ProcessorMetrics;
import io.hookgate.providers.SourceSchemes;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Verifies each raw record with its source's scheme. A verified record becomes its envelope,
 * written here once (the payload embedded as the provider's bytes) with its {@link EventRef} as
 * headers; a rejected one keeps its bytes and headers and gains the reason. Nothing it forwards can
 * be too large to write: an envelope past {@link RecordLimits#maxEnvelopeBytes()} is rejected as
 * {@code payload_too_large}, and a rejected copy that would not fit is kept without its body.
 * Never throws on any input: a record that breaks a verifier is rejected as
 * {@code verification_error} and logged. Each record gets a {@code verify} span, continuing the
 * trace its {@code traceparent} header names (a new one without it), whose context the forwarded
 * record carries on in its own trace headers.
 */
public final class VerifyProcessor extends ContextualFixedKeyProcessor<byte[], byte[], Classified> {

    private static final Logger LOG = LoggerFactory.getLogger(VerifyProcessor.class);
    private static final String UNKNOWN = "unknown";
    private static final int MAX_DETAIL_CHARS = 500;
    static final AttributeKey<String> SOURCE = AttributeKey.stringKey("hookgate.source");
    static final AttributeKey<String> INGRESS_ID = AttributeKey.stringKey("hookgate.ingress_id");
    static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("hookgate.event_id");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("hookgate.outcome");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("hookgate.reason");
    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");

    private final HookgateConfig config;
    private final SourceSchemes schemes;
    private final ProcessorMetrics metrics;
    private final RecordLimits limits;
    private final int partitions;
    private final Clock clock;
    private final Tracing tracing;

    /**
     * @param partitions the partitions of {@code ingress.raw} and of the repartition topic
     * @param tracing    makes each record's {@code verify} span
     */
    public VerifyProcessor(final HookgateConfig config, final SourceSchemes schemes, final ProcessorMetrics metrics, final int partitions,
                           final Clock clock, final Tracing tracing) {
        this.tracing = tracing;
        this.config = config;
        this.schemes = schemes;
        this.metrics = metrics;
        this.limits = RecordLimits.of(config);
        this.partitions = partitions;
        this.clock = clock;
    }

    @Override
    public void process(final FixedKeyRecord<byte[], byte[]> record) {
        final Span span = tracing.tracer().spanBuilder("verify")
            .setParent(TraceHeaders.extract(record.headers()))
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute(MESSAGING_SYSTEM, "kafka")
            .setAttribute(OPERATION, "process")
            .setAttribute(DESTINATION, context().recordMetadata().map(meta -> meta.topic()).orElse(UNKNOWN))
            .setAttribute(SOURCE, RawRecordCodec.lastValue(record.headers(), RawRecordCodec.SOURCE))
            .setAttribute(INGRESS_ID, RawRecordCodec.lastValue(record.headers(), RawRecordCodec.INGRESS_ID))
            .startSpan();
        // Current while this record is verified (and, when it is deduplicated in place, deduplicated): log lines carry its ids.
        try (Scope ignored = span.makeCurrent();
             LogContext log = LogContext.of(LogContext.SOURCE, RawRecordCodec.lastValue(record.headers(), RawRecordCodec.SOURCE))
                 .and(LogContext.INGRESS_ID, RawRecordCodec.lastValue(record.headers(), RawRecordCodec.INGRESS_ID))
                 .andTrace(Context.current())) {
            verify(record, span);
        } finally {
            span.end();
        }
    }

    private void verify(final FixedKeyRecord<byte[], byte[]> record, final Span span) {
        final RawRequest request;
        try {
            request = RawRecordCodec.decode(record.headers(), record.value());
        } catch (RawRecordCodec.MalformedRecordException e) {
            final String source = Optional.ofNullable(RawRecordCodec.lastValue(record.headers(), RawRecordCodec.SOURCE)).orElse(UNKNOWN);
            reject(record, source, RejectReason.MALFORMED_RECORD, e.getMessage());
            return;
        }
        final Optional<SourceScheme> scheme = schemes.forSource(request.source());
        final Optional<SourceConfig> source = config.source(request.source());
        if (scheme.isEmpty() || source.isEmpty()) {
            reject(record, request.source(), RejectReason.UNKNOWN_SOURCE, "source " + request.source() + " is not configured");
            return;
        }
        final long started = System.nanoTime();
        final Verification verification = verifySafely(scheme.get(), request);
        metrics.verifyTime(request.source(), Duration.ofNanos(System.nanoTime() - started));
        if (verification instanceof Verification.Rejected rejected) {
            reject(record, request.source(), rejected.reason(), rejected.detail());
            return;
        }
        final Verification.Accepted accepted = (Verification.Accepted) verification;
        final VerifiedEvent event = new VerifiedEvent(VerifiedEvent.SCHEMA_VERSION,
            StableIds.eventId(request.source(), accepted.identity().eventId()), request.source(), source.get().provider(),
            source.get().tenant().orElse(null), accepted.identity().eventId(), accepted.identity().origin(),
            accepted.identity().type(), request.receivedAt(), Instant.now(clock), request.ingressId(), accepted.signatureCovers(),
            accepted.payload().json());
        final EncodedEvent encoded = EncodedEvent.of(event);
        if (encoded.envelope().length() > limits.maxEnvelopeBytes()) {
            reject(record, request.source(), RejectReason.PAYLOAD_TOO_LARGE, "the envelope would be " + encoded.envelope().length()
                + " bytes; a record carries at most " + limits.maxEnvelopeBytes());
            return;
        }
        final EventRef ref = encoded.ref();
        // An id from an unsigned header is the sender's word: a body signed once is one event, whatever id it comes with.
        final String dedupKey = accepted.identity().idSigned() ? ref.dedupKey() : EventRef.signedBodyKey(request.source(), request.body());
        metrics.verified(request.source());
        span.setAttribute(OUTCOME, "verified").setAttribute(EVENT_ID, ref.eventId());
        // Where the ingress put it by a correct hint, the record is deduplicated here; elsewhere it is repartitioned.
        final boolean local = context().recordMetadata().map(meta -> meta.partition() == DedupPartitions.of(dedupKey, partitions))
            .orElse(false);
        // Who the event is travels in the value; the sinks' serdes write it as headers, beside the trace's.
        context().forward(record.withValue((Classified) new Classified.Verified(encoded, dedupKey, local))
            .withHeaders(TraceHeaders.inject(Context.current(), new RecordHeaders())));
    }

    private Verification verifySafely(final SourceScheme scheme, final RawRequest request) {
        try {
            return scheme.verify(request);
        } catch (RuntimeException e) {
            // A verifier must not throw; if one does, the record is kept for replay after a fix.
            LOG.warn("Verifier failed source={} ingressId={}", request.source(), request.ingressId(), e);
            return Verification.rejected(RejectReason.VERIFICATION_ERROR, e.getClass().getSimpleName());
        }
    }

    private void reject(final FixedKeyRecord<byte[], byte[]> record, final String source, final RejectReason reason, final String detail) {
        metrics.rejected(source, reason);
        final Span span = Span.current().setAttribute(OUTCOME, "rejected").setAttribute(REASON, reason.code());
        if (reason == RejectReason.VERIFICATION_ERROR) {
            span.setStatus(StatusCode.ERROR, "the verifier failed");
        }
        final String shortDetail = detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) + "..." : detail;
        final Headers headers = new RecordHeaders(record.headers().toArray());
        RejectionHeaders.add(headers, reason, shortDetail, Instant.now(clock));
        // The rejected copy names this span as its parent, not the ingress's.
        TraceHeaders.inject(Context.current(), headers);
        byte[] body = record.value() == null ? new byte[0] : record.value();
        final byte[] key = source.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (RecordLimits.estimatedSize(key, body, headers) > limits.maxRecordBytes()) {
            // Kept for the record (who sent what, when, why refused) even when the body cannot be.
            headers.add(RejectionHeaders.BODY_DROPPED, Integer.toString(body.length).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body = new byte[0];
        }
        LOG.info("Rejected source={} ingressId={} reason={} detail={}", source,
            RawRecordCodec.lastValue(record.headers(), RawRecordCodec.INGRESS_ID), reason, shortDetail);
        context().forward(record.withValue((Classified) new Classified.Rejected(source, reason, body)).withHeaders(headers));
    }
}

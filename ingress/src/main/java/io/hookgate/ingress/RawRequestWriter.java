package io.hookgate.ingress;

import io.hookgate.core.kafka.DedupPartitions;
import io.hookgate.core.request.RawRequest;
import io.hookgate.core.topics.Topic;
import io.hookgate.core.tracing.TraceHeaders;
import io.opentelemetry.context.Context;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes raw requests to {@code ingress.raw}, keyed {@code {source}:{ingressId}} so that one busy
 * source spreads over every partition, with the receive time as the record timestamp. The future
 * completes when Kafka acknowledged the write ({@code acks=all}, idempotent producer). A write that
 * found no metadata for the topic (the producer never waits for it) is sent once more when the
 * metadata arrives, within {@code metadataWait}, instead of failing at once.
 */
final class RawRequestWriter implements RawRequestStore {

    private final Producer<byte[], byte[]> producer;
    private final Topic<String, RawRequest> topic;
    private final TopicMetadata metadata;
    private final Duration metadataWait;
    private final AtomicLong metadataWaits = new AtomicLong();

    RawRequestWriter(final Producer<byte[], byte[]> producer, final Topic<String, RawRequest> topic, final TopicMetadata metadata,
                     final Duration metadataWait) {
        this.producer = producer;
        this.topic = topic;
        this.metadata = metadata;
        this.metadataWait = metadataWait;
    }

    /**
     * Sends {@code request}, into the partition of {@code dedupKeyHint} when there is one (the
     * processor then deduplicates it where it reads it), with the trace context of {@code trace}
     * ({@code traceparent}, {@code tracestate}) in its headers; never blocks when the producer has
     * {@code max.block.ms=0}.
     */
    @Override
    public CompletableFuture<Void> write(final RawRequest request, final Optional<String> dedupKeyHint, final Context trace) {
        final CompletableFuture<Void> acked = new CompletableFuture<>();
        send(request, partitionOf(dedupKeyHint), trace, acked, true);
        return acked;
    }

    /** As {@link #write(RawRequest, Optional, Context)}, with no trace context: the processor starts a new trace. */
    CompletableFuture<Void> write(final RawRequest request, final Optional<String> dedupKeyHint) {
        return write(request, dedupKeyHint, Context.root());
    }

    /** The hint's partition, or null (the key decides) when there is none or no metadata yet. */
    private Integer partitionOf(final Optional<String> dedupKeyHint) {
        if (dedupKeyHint.isEmpty()) {
            return null;
        }
        try {
            final int partitions = producer.partitionsFor(topic.name()).size();
            return partitions == 0 ? null : DedupPartitions.of(dedupKeyHint.get(), partitions);
        } catch (RuntimeException e) {
            // No metadata cached (max.block.ms=0): the send below finds the same and waits for it.
            return null;
        }
    }

    /** Writes that found no metadata and waited for it, since start. */
    long metadataWaits() {
        return metadataWaits.get();
    }

    private void send(final RawRequest request, final Integer partition, final Context trace, final CompletableFuture<Void> acked,
                      final boolean firstTry) {
        final Thread caller = Thread.currentThread();
        final AtomicBoolean sending = new AtomicBoolean(true);
        try {
            final ProducerRecord<byte[], byte[]> record = topic.record(partition, request.receivedAt().toEpochMilli(), request.recordKey(),
                request);
            TraceHeaders.inject(trace, record.headers());
            producer.send(record, (ignored, error) -> {
                    if (error == null) {
                        acked.complete(null);
                    } else if (firstTry && sending.get() && Thread.currentThread() == caller && isMissingMetadata(error)) {
                        waitForMetadata(request, partition, trace, acked, error);
                    } else {
                        acked.completeExceptionally(error);
                    }
                });
        } catch (RuntimeException e) {
            // send() itself throws when the producer is closed.
            acked.completeExceptionally(e);
        } finally {
            sending.set(false);
        }
    }

    /**
     * Answered within send() itself, a TimeoutException is the metadata lookup giving up at once
     * (max.block.ms=0: "not present in metadata after 0 ms"), unless it is the buffer being full;
     * the producer has asked for the metadata meanwhile.
     */
    private static boolean isMissingMetadata(final Exception error) {
        return error instanceof TimeoutException && !(error instanceof BufferExhaustedException);
    }

    private void waitForMetadata(final RawRequest request, final Integer partition, final Context trace,
                                 final CompletableFuture<Void> acked, final Exception firstError) {
        metadataWaits.incrementAndGet();
        metadata.whenPresent(metadataWait).whenComplete((present, stillMissing) -> {
            if (stillMissing == null) {
                send(request, partition, trace, acked, false);
            } else {
                firstError.addSuppressed(stillMissing);
                acked.completeExceptionally(firstError);
            }
        });
    }
}

package io.hookgate.ingress;

import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.request.RawRequest;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.CompletableFuture;

/**
 * Writes raw requests to {@code ingress.raw}, keyed {@code {source}:{ingressId}} so that one busy
 * source spreads over every partition, with the receive time as the record timestamp. The future
 * completes when Kafka acknowledged the write ({@code acks=all}, idempotent producer).
 */
final class RawRequestWriter {

    private final Producer<String, byte[]> producer;
    private final String topic;

    RawRequestWriter(final Producer<String, byte[]> producer, final String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Sends {@code request}; may block up to the producer's {@code max.block.ms}, so never on an IO thread. */
    CompletableFuture<Void> write(final RawRequest request) {
        final CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, null, request.receivedAt().toEpochMilli(), request.recordKey(), request.body(),
                RawRecordCodec.headers(request)), (metadata, error) -> {
                    if (error == null) {
                        acked.complete(null);
                    } else {
                        acked.completeExceptionally(error);
                    }
                });
        } catch (RuntimeException e) {
            // send() itself throws when metadata cannot be fetched in time or the producer is closed.
            acked.completeExceptionally(e);
        }
        return acked;
    }
}

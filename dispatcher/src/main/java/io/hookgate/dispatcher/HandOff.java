package io.hookgate.dispatcher;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes a task to its next retry tier or to the DLQ, and completes only once Kafka acknowledged
 * it (idempotent producer, {@code acks=all}): only then may the task's offset be committed. A
 * failed write is tried again every second while the dispatcher runs; if it stops first, the task
 * stays uncommitted and is read again after the restart.
 */
final class HandOff {

    private static final Logger LOG = LoggerFactory.getLogger(HandOff.class);

    private final Producer<String, byte[]> producer;
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    HandOff(final Producer<String, byte[]> producer, final ScheduledExecutorService timer) {
        this.producer = producer;
        this.timer = timer;
    }

    CompletableFuture<Void> send(final String topic, final String key, final byte[] value) {
        final CompletableFuture<Void> acked = new CompletableFuture<>();
        attempt(new ProducerRecord<>(topic, key, value), acked);
        return acked;
    }

    private void attempt(final ProducerRecord<String, byte[]> record, final CompletableFuture<Void> acked) {
        if (closed) {
            acked.completeExceptionally(new IllegalStateException("dispatcher stopping; task left uncommitted"));
            return;
        }
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                acked.complete(null);
                return;
            }
            LOG.warn("Hand-off to {} failed for subscription={}; trying again in 1s: {}", record.topic(), record.key(), error.toString());
            timer.schedule(() -> attempt(record, acked), 1, TimeUnit.SECONDS);
        });
    }

    void close() {
        closed = true;
    }
}

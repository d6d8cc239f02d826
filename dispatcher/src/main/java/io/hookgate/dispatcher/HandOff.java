package io.hookgate.dispatcher;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes a task to its next retry tier or to the DLQ, and completes only once Kafka acknowledged
 * it (idempotent producer, {@code acks=all}): only then may the task's offset be committed. Sends
 * run on the hand-off's own thread, never on the caller's (an HTTP client's reactor thread must not
 * wait for room in the producer's buffer or for metadata). A write that failed for a reason that
 * can pass (a timeout, a leader moving) is tried again every second while the dispatcher runs; one
 * that cannot pass (the record too large, say) fails the future with {@link RefusedException}, so
 * the caller can write something smaller instead of retrying for ever.
 */
final class HandOff {

    private static final Logger LOG = LoggerFactory.getLogger(HandOff.class);

    private final Producer<byte[], byte[]> producer;
    private final ExecutorService sender;
    private final Executor completions;
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    /**
     * @param sender      one thread that alone calls {@code producer.send}
     * @param completions where the futures {@link #send} returns complete, so that what depends on
     *                    them (the next attempts a lane starts) never runs on the producer's I/O thread
     * @param timer       schedules the next try of a failed write
     */
    HandOff(final Producer<byte[], byte[]> producer, final ExecutorService sender, final Executor completions,
            final ScheduledExecutorService timer) {
        this.producer = producer;
        this.sender = sender;
        this.completions = completions;
        this.timer = timer;
    }

    /** Sends {@code record} (made by its {@link io.hookgate.core.topics.Topic}); the future completes once Kafka has it. */
    CompletableFuture<Void> send(final ProducerRecord<byte[], byte[]> record) {
        return write(record).thenApply(metadata -> null);
    }

    /** As {@link #send}, completing with where Kafka put the record (its partition and offset). */
    CompletableFuture<RecordMetadata> write(final ProducerRecord<byte[], byte[]> record) {
        final CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        submit(record, acked);
        return acked;
    }

    private void submit(final ProducerRecord<byte[], byte[]> record, final CompletableFuture<RecordMetadata> acked) {
        try {
            sender.execute(() -> attempt(record, acked));
        } catch (RejectedExecutionException e) {
            acked.completeExceptionally(new IllegalStateException("dispatcher stopping; task left uncommitted"));
        }
    }

    private void attempt(final ProducerRecord<byte[], byte[]> record, final CompletableFuture<RecordMetadata> acked) {
        if (closed) {
            acked.completeExceptionally(new IllegalStateException("dispatcher stopping; task left uncommitted"));
            return;
        }
        try {
            producer.send(copy(record), (metadata, error) -> settle(record, acked, metadata, error));
        } catch (RuntimeException e) {
            // send() throws what the callback would otherwise get (an unknown topic, a closed producer, ...).
            settle(record, acked, null, e);
        }
    }

    private void settle(final ProducerRecord<byte[], byte[]> record, final CompletableFuture<RecordMetadata> acked,
                        final RecordMetadata metadata, final Exception error) {
        if (error == null) {
            complete(acked, metadata);
        } else if (error instanceof RetriableException || error.getCause() instanceof RetriableException) {
            LOG.warn("Hand-off to {} failed for subscription={}; trying again in 1s: {}", record.topic(), keyOf(record), error.toString());
            try {
                timer.schedule(() -> submit(record, acked), 1, TimeUnit.SECONDS);
            } catch (RejectedExecutionException stopping) {
                acked.completeExceptionally(new IllegalStateException("dispatcher stopping; task left uncommitted"));
            }
        } else {
            LOG.error("Kafka refused the hand-off to {} for subscription={}: {}", record.topic(), keyOf(record), error.toString());
            acked.completeExceptionally(new RefusedException(record.topic(), error));
        }
    }

    private void complete(final CompletableFuture<RecordMetadata> acked, final RecordMetadata metadata) {
        try {
            completions.execute(() -> acked.complete(metadata));
        } catch (RejectedExecutionException stopping) {
            acked.complete(metadata);
        }
    }

    /** A record's headers become read-only once sent: each try sends a fresh record. */
    private static ProducerRecord<byte[], byte[]> copy(final ProducerRecord<byte[], byte[]> record) {
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(), record.value(),
            new RecordHeaders(record.headers().toArray()));
    }

    private static String keyOf(final ProducerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    void close() {
        closed = true;
    }

    /** Whether {@code error}, or one of its causes, says Kafka refused a write for good. */
    static boolean refused(final Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RefusedException) {
                return true;
            }
        }
        return false;
    }

    /** Kafka refused a write for good: trying the same record again cannot succeed. */
    static final class RefusedException extends RuntimeException {
        RefusedException(final String topic, final Exception cause) {
            super("Kafka refused the write to " + topic + ": " + cause.getMessage(), cause);
        }
    }
}

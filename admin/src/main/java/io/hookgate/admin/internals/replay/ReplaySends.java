package io.hookgate.admin.internals.replay;

import io.hookgate.admin.internals.errors.Unavailable;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A replay's writes, each waited for: acknowledged, {@link Unavailable} when Kafka does not answer
 * in time or refuses for a passing reason, an {@link IllegalStateException} for any other refusal.
 */
final class ReplaySends {

    private ReplaySends() {
    }

    static RecordMetadata acknowledged(final Producer<byte[], byte[]> producer, final ProducerRecord<byte[], byte[]> record,
                                       final int timeoutSeconds) {
        try {
            return producer.send(record).get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                throw new Unavailable("Kafka did not take the replay: " + e.getCause().getMessage(), e.getCause());
            }
            throw new IllegalStateException("Kafka refused the replay to " + record.topic() + ": " + e.getCause(), e.getCause());
        } catch (RetriableException e) {
            // send() itself throws when the topic's metadata does not come in time.
            throw new Unavailable("Kafka did not take the replay: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new Unavailable("Kafka did not acknowledge the replay in " + timeoutSeconds + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for Kafka to acknowledge the replay", e);
        }
    }
}

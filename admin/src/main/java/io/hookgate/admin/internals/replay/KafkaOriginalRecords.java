package io.hookgate.admin.internals.replay;

import io.hookgate.admin.internals.errors.Gone;
import io.hookgate.admin.internals.errors.Unavailable;
import io.hookgate.admin.internals.view.OriginalRef;
import io.hookgate.core.config.KafkaSettings;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.request.RawRecordCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link OriginalRecords} from the cluster: one consumer, no group, assigned to the one partition
 * asked for, reading committed records only (the index read those). One fetch at a time.
 */
public final class KafkaOriginalRecords implements OriginalRecords, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;

    public KafkaOriginalRecords(final KafkaSettings kafka, final String clientId, final Duration timeout) {
        this.consumer = new KafkaConsumer<>(KafkaClients.readCommittedConsumer(kafka, clientId, Map.of(
            // A deleted offset must be an error, never a silent jump to another record.
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1)), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.timeout = timeout;
    }

    @Override
    public synchronized ConsumerRecord<byte[], byte[]> fetch(final OriginalRef ref) {
        final TopicPartition partition = new TopicPartition(ref.topic(), ref.partition());
        final String where = ref.topic() + " partition " + ref.partition() + " offset " + ref.offset();
        try {
            final long beginning = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
            if (ref.offset() < beginning) {
                throw new Gone("the original at " + where + " is gone from Kafka (retention deleted it; the partition now begins at "
                    + beginning + "): nothing to replay");
            }
            consumer.assign(List.of(partition));
            consumer.seek(partition, ref.offset());
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(partition)) {
                    if (record.offset() == ref.offset()) {
                        return checked(record, ref, where);
                    }
                    throw gone(where);
                }
                // Read committed: an aborted record is skipped without being returned.
                if (consumer.position(partition, timeout) > ref.offset()) {
                    throw gone(where);
                }
            }
            if (consumer.endOffsets(List.of(partition), timeout).get(partition) <= ref.offset()) {
                throw new Gone("the original at " + where + " is past the end of the partition (was the topic recreated?)");
            }
            throw new Unavailable("Kafka did not return the original at " + where + " within " + timeout.toSeconds() + " s", null);
        } catch (OffsetOutOfRangeException e) {
            throw new Gone("the original at " + where + " is gone from Kafka (retention deleted it): nothing to replay");
        } catch (RetriableException e) {
            throw new Unavailable("Kafka did not answer for the original at " + where + ": " + e.getMessage(), e);
        } finally {
            consumer.unsubscribe();
        }
    }

    private static ConsumerRecord<byte[], byte[]> checked(final ConsumerRecord<byte[], byte[]> record, final OriginalRef ref,
                                                          final String where) {
        if (ref.ingressId() != null && !Objects.equals(ref.ingressId(), RawRecordCodec.lastValue(record.headers(), RawRecordCodec.INGRESS_ID))) {
            throw new Gone("the record at " + where + " is no longer the one indexed (was the topic recreated?): nothing to replay");
        }
        return record;
    }

    private static Gone gone(final String where) {
        return new Gone("the original at " + where + " is gone from Kafka (compacted or aborted): nothing to replay");
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}

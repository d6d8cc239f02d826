package io.hookgate.admin.internals.events;

import io.hookgate.admin.internals.errors.Unavailable;
import io.hookgate.core.config.KafkaSettings;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.kafka.DedupPartitions;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.request.RawRecordCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RawRequests} from {@code ingress.raw}, without an index of it: the ingress writes each
 * request with its receive time as the record's timestamp, into the partition of its expected dedup
 * key ({@code {source}:{eventId}}) or, without one, the partition its key ({@code {source}:{ingressId}})
 * hashes to. So the record is looked for in those (at most two) partitions, from the first offset at
 * its receive time ({@code offsetsForTimes}), reading on until its ingress id is found, a record
 * {@value #LATER_SECONDS} s younger is reached, or {@value #MAX_SCANNED} records were read. One
 * consumer, no group, committed records only; one search at a time.
 */
public final class KafkaRawRequests implements RawRequests, AutoCloseable {

    static final int MAX_SCANNED = 5_000;
    static final int LATER_SECONDS = 30;
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Duration timeout;

    /** @param topic {@code ingress.raw} with the configured prefix */
    public KafkaRawRequests(final KafkaSettings kafka, final String clientId, final String topic, final Duration timeout) {
        this.consumer = new KafkaConsumer<>(KafkaClients.readCommittedConsumer(kafka, clientId, Map.of(
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500)), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public synchronized Optional<ConsumerRecord<byte[], byte[]>> find(final EventRef event) {
        if (event.ingressId() == null) {
            return Optional.empty();
        }
        try {
            final List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            final int partitions = infos == null ? 0 : infos.size();
            if (partitions == 0) {
                return Optional.empty();
            }
            final Set<Integer> candidates = new LinkedHashSet<>(List.of(DedupPartitions.of(event.dedupKey(), partitions),
                DedupPartitions.of(event.source() + ":" + event.ingressId(), partitions)));
            for (int partition : candidates) {
                final Optional<ConsumerRecord<byte[], byte[]>> found = search(new TopicPartition(topic, partition), event);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        } catch (OffsetOutOfRangeException e) {
            // Retention deleted the records being read meanwhile.
            return Optional.empty();
        } catch (RetriableException e) {
            throw new Unavailable("Kafka did not answer for the raw request of " + event.dedupKey() + ": " + e.getMessage(), e);
        } finally {
            consumer.unsubscribe();
        }
    }

    private Optional<ConsumerRecord<byte[], byte[]>> search(final TopicPartition partition, final EventRef event) {
        final long receivedAt = event.receivedAt().toEpochMilli();
        final OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(partition, receivedAt), timeout).get(partition);
        if (start == null) {
            return Optional.empty();
        }
        final long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
        consumer.assign(List.of(partition));
        consumer.seek(partition, start.offset());
        final long latest = receivedAt + Duration.ofSeconds(LATER_SECONDS).toMillis();
        final long deadline = System.nanoTime() + timeout.toNanos();
        int scanned = 0;
        while (System.nanoTime() < deadline && consumer.position(partition, timeout) < end) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(partition)) {
                if (event.ingressId().equals(RawRecordCodec.lastValue(record.headers(), RawRecordCodec.INGRESS_ID))) {
                    return Optional.of(record);
                }
                if (++scanned >= MAX_SCANNED || record.timestamp() > latest) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}

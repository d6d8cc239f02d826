package io.hookgate.core.kafka;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/**
 * Which partition a dedup key belongs to: the partition Kafka's default partitioner gives a record
 * keyed by it, the same on the processor's repartition topic as on {@code ingress.raw} when both
 * have the same number of partitions. The ingress puts a raw record where its expected dedup key
 * belongs; the processor then deduplicates it in place, and repartitions only what is elsewhere.
 */
public final class DedupPartitions {

    private DedupPartitions() {
    }

    public static int of(final String dedupKey, final int partitions) {
        return Utils.toPositive(Utils.murmur2(dedupKey.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}

package io.hookgate.admin.internals.view;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.rocksdb.RocksDBException;
import org.rocksdb.AbstractWriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The admin index's one policy for a record it cannot read, whichever topic it is in: keep where
 * it is and why (durably, in the same write as the offset that passes it, so it is neither lost nor
 * listed twice), count it in {@code hookgate.admin.index.quarantined{topic}}, log it once with its
 * coordinates, and go on with the next record. Listed at {@code GET /admin/quarantine}.
 */
public final class Quarantine {

    public static final String METRIC = "hookgate.admin.index.quarantined";
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private final List<IndexStore> stores;
    private final MeterRegistry registry;
    private final Clock clock;

    /**
     * @param stores every store of the index, each keeping the records of the topics it indexes
     * @param topics the topics read, whose counters start at 0 so that an alert sees them
     */
    public Quarantine(final List<? extends IndexStore> stores, final MeterRegistry registry, final Clock clock, final List<String> topics) {
        this.stores = List.copyOf(stores);
        this.registry = registry;
        this.clock = clock;
        topics.forEach(this::counter);
    }

    /** Adds {@code record}, unreadable for {@code reason}, to {@code batch} (the batch of {@code store}), counts and logs it. */
    void add(final IndexStore store, final AbstractWriteBatch batch, final ConsumerRecord<byte[], byte[]> record, final String reason)
        throws RocksDBException {
        store.quarantine(batch, new QuarantinedRecord(record.topic(), record.partition(), record.offset(), reason, clock.instant()));
        counter(record.topic()).increment();
        LOG.warn("Admin index quarantined the record at topic={} partition={} offset={}: {}; it is skipped and listed at GET "
            + "/admin/quarantine", record.topic(), record.partition(), record.offset(), reason);
    }

    /** The first {@code limit} quarantined records, by topic, partition and offset. */
    public List<QuarantinedRecord> list(final int limit) {
        final List<QuarantinedRecord> all = new ArrayList<>();
        stores.forEach(store -> all.addAll(store.quarantined(limit)));
        all.sort(Comparator.comparing(QuarantinedRecord::topic).thenComparingInt(QuarantinedRecord::partition)
            .thenComparingLong(QuarantinedRecord::offset));
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /** How many records are quarantined. */
    public long size() {
        return stores.stream().mapToLong(IndexStore::quarantinedCount).sum();
    }

    private Counter counter(final String topic) {
        return Counter.builder(METRIC).tag("topic", topic)
            .description("Records the admin index could not read, skipped and listed at /admin/quarantine").register(registry);
    }
}

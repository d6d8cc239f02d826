package io.hookgate.processor.internals.dedup;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.event.EncodedEvent;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.processor.ProcessorMetrics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Set;

/** The persistent RocksDB stores of deduplication, declared with the processor that uses them. */
public final class DedupStores implements ProcessorSupplier<String, EncodedEvent, String, Deduplicated> {

    /** Dedup key to the time its retention ends. */
    public static final String SEEN = "dedup-seen";
    /** Expiry time and dedup key, for purging without a full scan. */
    public static final String EXPIRIES = "dedup-expiries";

    private final HookgateConfig config;
    private final ProcessorMetrics metrics;
    private final Tracing tracing;

    /** @param tracing makes each record's {@code deduplicate} span */
    public DedupStores(final HookgateConfig config, final ProcessorMetrics metrics, final Tracing tracing) {
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public Processor<String, EncodedEvent, String, Deduplicated> get() {
        return new DeduplicationProcessor(config, metrics, tracing);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEEN), Serdes.String(), Serdes.Long()),
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPIRIES), Serdes.Bytes(), Serdes.ByteArray()));
    }
}

package io.hookgate.dispatcher;

import io.hookgate.core.subscription.SubscriptionRecord;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code subscriptions} topic read back, record by record: how {@link SubscriptionDisabler}
 * finds a change it wrote over (Kafka keeps the last write of a key, and has no compare-and-set).
 * Both reads are asynchronous; a read Kafka cannot answer in time fails its future.
 */
interface SubscriptionHistory {

    /** A record of the topic: its offset and value ({@link Optional#empty()} for a tombstone). */
    record Written(long offset, Optional<SubscriptionRecord> value) {
    }

    /** The end offset of each partition of the topic now, by partition number. */
    CompletableFuture<Map<Integer, Long>> ends();

    /** The last record of subscription {@code id} in {@code partition} from offset {@code from} up to, not including, {@code to}. */
    CompletableFuture<Optional<Written>> lastOf(String id, int partition, long from, long to);

    /** A history that knows nothing: every write is taken to be the last (for tests without Kafka). */
    static SubscriptionHistory none() {
        return new SubscriptionHistory() {
            @Override
            public CompletableFuture<Map<Integer, Long>> ends() {
                return CompletableFuture.completedFuture(Map.of());
            }

            @Override
            public CompletableFuture<Optional<Written>> lastOf(final String id, final int partition, final long from, final long to) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
        };
    }
}

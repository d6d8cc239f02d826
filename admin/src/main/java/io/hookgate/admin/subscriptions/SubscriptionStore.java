package io.hookgate.admin.subscriptions;

import io.hookgate.core.subscription.SubscriptionRecord;

import java.util.Optional;

/**
 * The records of the compacted {@code subscriptions} topic as written, sealed secrets and all: what
 * a change through the admin API starts from (the {@link io.hookgate.core.subscription.Subscriptions}
 * in force hold the secrets opened and without their ends, so they cannot be written back).
 */
public interface SubscriptionStore {

    /** The record the topic holds for {@code id} now, every write made before this call included; empty when none. */
    Optional<SubscriptionRecord> stored(String id);

    /**
     * Writes {@code record} for {@code id} ({@code null}: a tombstone, which deletes) and returns
     * once Kafka acknowledged it and it is in force in this process's subscriptions, so that the
     * answer and the next read show it.
     */
    void write(String id, SubscriptionRecord record);
}

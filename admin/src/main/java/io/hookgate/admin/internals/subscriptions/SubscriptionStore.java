package io.hookgate.admin.internals.subscriptions;

import io.hookgate.core.subscription.SubscriptionRecord;

import java.util.Optional;

/**
 * The records of the compacted {@code subscriptions} topic as written, sealed secrets and all: what
 * a change through the admin API starts from (the {@link io.hookgate.core.subscription.Subscriptions}
 * in force hold the secrets opened and without their ends, so they cannot be written back).
 */
public interface SubscriptionStore {

    /**
     * The record the topic holds for {@code id} now, every write made before this call included, a
     * deleted one ({@link SubscriptionRecord#isDeleted()}) too; empty when none, or when it cannot
     * be read (then {@link io.hookgate.core.subscription.Subscriptions#unreadable} says so).
     */
    Optional<SubscriptionRecord> stored(String id);

    /**
     * Writes {@code record} for {@code id}, provided the topic's record of {@code id} is still
     * {@code base} (what {@link #stored} answered when the change began), and returns once Kafka
     * acknowledged it and it is in force in this process's subscriptions, so that the answer and
     * the next read show it.
     *
     * @throws io.hookgate.admin.internals.errors.Conflict {@code subscription_changed} when another writer (another admin, a
     *                                           dispatcher disabling it) changed the record since
     */
    void write(String id, Optional<SubscriptionRecord> base, SubscriptionRecord record);
}

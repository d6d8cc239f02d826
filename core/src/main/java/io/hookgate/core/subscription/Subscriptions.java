package io.hookgate.core.subscription;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SubscriptionConfig;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The subscriptions in force: those of the configuration file and those made through the admin
 * API, each with its state. The processor fans out by it, the dispatcher delivers by it and the
 * admin API answers from it. Thread-safe; a live implementation ({@link SubscriptionTable}) follows
 * the {@code subscriptions} topic.
 */
public interface Subscriptions {

    /** The subscription {@code id}, enabled or not. */
    Optional<LiveSubscription> find(String id);

    /** Every subscription, those of the file first in file order, then by id. */
    Collection<LiveSubscription> all();

    /** The enabled subscriptions naming {@code source}. */
    List<SubscriptionConfig> deliveringFrom(String source);

    /**
     * Every subscription naming {@code source}, enabled or disabled: the processor makes tasks for a
     * disabled one too, which wait parked until it is enabled again.
     */
    default List<SubscriptionConfig> namingSource(final String source) {
        return all().stream().map(LiveSubscription::config).filter(config -> config.sources().contains(source)).toList();
    }

    /**
     * The record of the {@code subscriptions} topic that subscription {@code id} has now, as written
     * (secrets sealed): what a change of its state is made from. Empty for a subscription of the
     * file whose state was never changed, and for one not known here.
     */
    default Optional<SubscriptionRecord> record(final String id) {
        return Optional.empty();
    }

    /**
     * Whether the topic's latest record of {@code id} is not in force here because it cannot be read:
     * not JSON, a key that is not its id, a secret that does not open with this {@code admin.secretsKey},
     * settings this version refuses. Such an id has no subscription ({@link #find} is empty), yet is
     * taken: what the admin API lets the operator delete.
     */
    default boolean unreadable(final String id) {
        return false;
    }

    /**
     * Completes once every change written to the topic before this call is in force here: what a
     * reader of its own write, or of a task naming a subscription it does not know yet, waits for.
     */
    CompletableFuture<Void> sync();

    /** The subscriptions of {@code config}'s file alone, all enabled: for tests and tools without Kafka. */
    static Subscriptions of(final HookgateConfig config) {
        return SubscriptionSnapshot.of(config);
    }
}

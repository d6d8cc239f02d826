package io.hookgate.core.testing;

import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.Subscriptions;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subscriptions a test changes at will, as the table would after a change of the topic; in force
 * at once ({@link #sync()} completes at once). Only the interface's own methods are overridden, so
 * its defaults ({@link #namingSource}) are those any implementation gets. Thread-safe.
 */
public final class MutableSubscriptions implements Subscriptions {

    /** In the order they were first put, as the file's come in file order. */
    private final Map<String, LiveSubscription> live = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, SubscriptionRecord> records = new ConcurrentHashMap<>();

    /** Puts {@code config} in force in {@code state}, declared in {@code origin}, last changed at {@code updatedAt} (null: never). */
    public MutableSubscriptions put(final SubscriptionConfig config, final State state, final Origin origin, final Instant updatedAt) {
        live.put(config.id(), new LiveSubscription(config, state, origin, Optional.empty(), null, updatedAt));
        return this;
    }

    /** Gives {@code record} as the topic's record of its subscription. */
    public MutableSubscriptions putRecord(final SubscriptionRecord record) {
        records.put(record.id(), record);
        return this;
    }

    @Override
    public Optional<LiveSubscription> find(final String id) {
        return Optional.ofNullable(live.get(id));
    }

    @Override
    public Collection<LiveSubscription> all() {
        synchronized (live) {
            return List.copyOf(live.values());
        }
    }

    @Override
    public List<SubscriptionConfig> deliveringFrom(final String source) {
        return all().stream().filter(LiveSubscription::enabled).map(LiveSubscription::config)
            .filter(config -> config.sources().contains(source)).toList();
    }

    @Override
    public Optional<SubscriptionRecord> record(final String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public CompletableFuture<Void> sync() {
        return CompletableFuture.completedFuture(null);
    }
}

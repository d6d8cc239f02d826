package io.hookgate.admin.internals.subscriptions;

import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.SecretBox;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.SealedSecret;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.SubscriptionSettings;
import io.hookgate.core.subscription.Subscriptions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The topic and the table of a process in one, in memory, for tests without a broker: a write is in
 * force at once, read back with the same reader as the real table ({@link SubscriptionSettings}),
 * secrets opened with the configured key and those past their end left out, deleted ones no
 * subscription. {@link #markUnreadable} stands for a record the real table cannot read.
 */
public final class InMemorySubscriptions implements Subscriptions, SubscriptionStore {

    private final HookgateConfig config;
    private final Optional<SecretBox> box;
    private final Clock clock;
    private final Map<String, SubscriptionRecord> records = new TreeMap<>();
    private final List<String> writes = new ArrayList<>();
    private final java.util.Set<String> unreadable = new java.util.HashSet<>();
    private Runnable beforeNextWrite = () -> { };

    public InMemorySubscriptions(final HookgateConfig config, final Clock clock) {
        this.config = config;
        this.box = config.admin().secretsKey().map(SecretBox::new);
        this.clock = clock;
    }

    /** The ids written, in order, {@code -id} for a deleted record. */
    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    @Override
    public synchronized Optional<SubscriptionRecord> stored(final String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public synchronized void write(final String id, final Optional<SubscriptionRecord> base, final SubscriptionRecord record) {
        final Runnable before = beforeNextWrite;
        beforeNextWrite = () -> { };
        before.run();
        if (!stored(id).equals(base)) {
            throw new io.hookgate.admin.internals.errors.Conflict("subscription_changed", "subscription " + id + " changed meanwhile");
        }
        writes.add(record.isDeleted() ? "-" + id : id);
        unreadable.remove(id);
        records.put(id, record);
    }

    /** Runs {@code action} when the next write begins, before its check: another writer between a change's read and its write. */
    public synchronized void beforeNextWrite(final Runnable action) {
        beforeNextWrite = action;
    }

    /** Another writer's change of {@code record}, as if another admin wrote it. */
    public synchronized void writeBehindTheBack(final SubscriptionRecord record) {
        records.put(record.id(), record);
    }

    /** The topic's latest record of {@code id} is one the table cannot read: it leaves the id. */
    public synchronized void markUnreadable(final String id) {
        records.remove(id);
        unreadable.add(id);
    }

    @Override
    public synchronized boolean unreadable(final String id) {
        return unreadable.contains(id);
    }

    @Override
    public synchronized Optional<SubscriptionRecord> record(final String id) {
        return stored(id);
    }

    @Override
    public Optional<LiveSubscription> find(final String id) {
        return Optional.ofNullable(snapshot().get(id));
    }

    @Override
    public Collection<LiveSubscription> all() {
        return snapshot().values();
    }

    @Override
    public List<SubscriptionConfig> deliveringFrom(final String source) {
        return all().stream().filter(LiveSubscription::enabled).map(LiveSubscription::config)
            .filter(subscription -> subscription.sources().contains(source)).toList();
    }

    @Override
    public CompletableFuture<Void> sync() {
        return CompletableFuture.completedFuture(null);
    }

    private synchronized Map<String, LiveSubscription> snapshot() {
        final Map<String, LiveSubscription> byId = new LinkedHashMap<>();
        config.subscriptions().values().forEach(subscription -> {
            final SubscriptionRecord state = Optional.ofNullable(records.get(subscription.id())).filter(record -> !record.isDeleted())
                .orElse(null);
            byId.put(subscription.id(), new LiveSubscription(subscription, state == null ? State.ENABLED : state.state(), Origin.CONFIG,
                Optional.empty(), null, state == null ? null : state.updatedAt()));
        });
        for (SubscriptionRecord record : records.values()) {
            if (record.origin() != Origin.API || byId.containsKey(record.id()) || record.isDeleted()) {
                continue;
            }
            final List<String> secrets = record.secrets().stream().filter(secret -> secret.validAt(clock.instant()))
                .map(SealedSecret::sealed).map(sealed -> box.orElseThrow().open(sealed, record.id(), Optional.ofNullable(record.tenant())))
                .toList();
            final ConfigProblems problems = new ConfigProblems();
            final SubscriptionConfig read = SubscriptionSettings.read(record.id(), record.settings(), secrets,
                Optional.ofNullable(record.tenant()), "subscriptions." + record.id(), problems)
                .orElseThrow(() -> new AssertionError("a record the API wrote does not read back: " + problems.list()));
            byId.put(record.id(), new LiveSubscription(read, record.state(), Origin.API, Optional.ofNullable(record.description()),
                record.createdAt(), record.updatedAt()));
        }
        return byId;
    }
}

package io.hookgate.core.subscription;

import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.SealedSecret;
import io.hookgate.core.subscription.SubscriptionRecord.State;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The subscriptions in force at one moment, immutable: the file's, with the state the topic gives
 * them, and the API's as the topic holds them, their secrets opened and those past their end left
 * out. A record that cannot be read (a secret sealed under another key, settings this version
 * refuses) is left out and reported, never guessed at; a deleted one ({@link SubscriptionRecord#isDeleted()})
 * is no subscription.
 */
final class SubscriptionSnapshot implements Subscriptions {

    private final Map<String, LiveSubscription> byId;
    private final Map<String, List<SubscriptionConfig>> bySource;
    private final Map<String, List<SubscriptionConfig>> allBySource;
    private final Map<String, SubscriptionRecord> records;
    private final Set<String> unreadable;
    /** The earliest end of a rotation's previous secret: the snapshot is rebuilt then. */
    private final Instant nextExpiry;

    private SubscriptionSnapshot(final Map<String, LiveSubscription> byId, final Map<String, SubscriptionRecord> records,
                                 final Set<String> unreadable, final Instant nextExpiry) {
        this.byId = Collections.unmodifiableMap(byId);
        this.bySource = bySource(byId.values().stream().filter(LiveSubscription::enabled).toList());
        this.allBySource = bySource(byId.values());
        this.records = Map.copyOf(records);
        this.unreadable = Set.copyOf(unreadable);
        this.nextExpiry = nextExpiry;
    }

    private static Map<String, List<SubscriptionConfig>> bySource(final Collection<LiveSubscription> subscriptions) {
        final Map<String, List<SubscriptionConfig>> index = new HashMap<>();
        subscriptions.forEach(live -> live.config().sources().forEach(source ->
            index.computeIfAbsent(source, ignored -> new ArrayList<>()).add(live.config())));
        index.replaceAll((source, list) -> List.copyOf(list));
        return Map.copyOf(index);
    }

    static SubscriptionSnapshot of(final HookgateConfig config) {
        return build(config, Map.of(), Optional.empty(), Instant.EPOCH, (id, why) -> { });
    }

    /**
     * @param unreadable told the id of each record left out and why
     */
    static SubscriptionSnapshot build(final HookgateConfig config, final Map<String, SubscriptionRecord> records,
                                      final Optional<SecretBox> box, final Instant now, final BiConsumer<String, String> unreadable) {
        return build(config, records, Set.of(), box, now, unreadable);
    }

    /**
     * @param undecodable the ids whose latest record in the topic is not a record at all (not JSON, a key not its id):
     *                    no subscription, and {@link #unreadable(String)}
     * @param unreadable  told the id of each record left out and why
     */
    static SubscriptionSnapshot build(final HookgateConfig config, final Map<String, SubscriptionRecord> records,
                                      final Set<String> undecodable, final Optional<SecretBox> box, final Instant now,
                                      final BiConsumer<String, String> unreadable) {
        final Set<String> leftOut = new HashSet<>(undecodable);
        final BiConsumer<String, String> report = (id, why) -> {
            leftOut.add(id);
            unreadable.accept(id, why);
        };
        final Map<String, LiveSubscription> byId = new LinkedHashMap<>();
        config.subscriptions().values().forEach(subscription -> {
            // A deleted subscription of the API whose id the file now declares leaves the file's its own state.
            final SubscriptionRecord state = Optional.ofNullable(records.get(subscription.id())).filter(record -> !record.isDeleted())
                .orElse(null);
            byId.put(subscription.id(), new LiveSubscription(subscription, state == null ? State.ENABLED : state.state(), Origin.CONFIG,
                Optional.empty(), null, state == null ? null : state.updatedAt()));
        });
        Instant nextExpiry = null;
        for (SubscriptionRecord record : new TreeMap<>(records).values()) {
            if (record.origin() != Origin.API || byId.containsKey(record.id()) || record.isDeleted()) {
                // A state of a file's subscription (applied above), or of one the file no longer has; a deleted one.
                continue;
            }
            final Optional<LiveSubscription> live = read(record, box, now, report);
            if (live.isPresent()) {
                byId.put(record.id(), live.get());
                for (SealedSecret secret : record.secrets()) {
                    if (secret.notAfter() != null && secret.validAt(now) && (nextExpiry == null || secret.notAfter().isBefore(nextExpiry))) {
                        nextExpiry = secret.notAfter();
                    }
                }
            }
        }
        return new SubscriptionSnapshot(byId, records, leftOut, nextExpiry);
    }

    private static Optional<LiveSubscription> read(final SubscriptionRecord record, final Optional<SecretBox> box, final Instant now,
                                                   final BiConsumer<String, String> unreadable) {
        if (record.settings() == null) {
            unreadable.accept(record.id(), "the record has no settings");
            return Optional.empty();
        }
        final List<String> secrets = new ArrayList<>();
        for (SealedSecret secret : record.secrets()) {
            if (!secret.validAt(now)) {
                continue;
            }
            if (box.isEmpty()) {
                unreadable.accept(record.id(), "its secret is sealed and admin.secretsKey is not set here");
                return Optional.empty();
            }
            try {
                secrets.add(box.get().open(secret.sealed(), record.id(), Optional.ofNullable(record.tenant())));
            } catch (IllegalArgumentException e) {
                unreadable.accept(record.id(), e.getMessage());
                return Optional.empty();
            }
        }
        final ConfigProblems problems = new ConfigProblems();
        final Optional<SubscriptionConfig> config = SubscriptionSettings.read(record.id(), record.settings(), secrets,
            Optional.ofNullable(record.tenant()), "subscriptions." + record.id(), problems);
        if (config.isEmpty()) {
            unreadable.accept(record.id(), problems.list().toString());
            return Optional.empty();
        }
        return Optional.of(new LiveSubscription(config.get(), record.state(), Origin.API, Optional.ofNullable(record.description()),
            record.createdAt(), record.updatedAt()));
    }

    /** Whether a secret of this snapshot has ended by {@code now}, so it must be built again. */
    boolean expiredBy(final Instant now) {
        return nextExpiry != null && !now.isBefore(nextExpiry);
    }

    @Override
    public Optional<LiveSubscription> find(final String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Collection<LiveSubscription> all() {
        return byId.values();
    }

    @Override
    public List<SubscriptionConfig> deliveringFrom(final String source) {
        return bySource.getOrDefault(source, List.of());
    }

    @Override
    public List<SubscriptionConfig> namingSource(final String source) {
        return allBySource.getOrDefault(source, List.of());
    }

    @Override
    public Optional<SubscriptionRecord> record(final String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public boolean unreadable(final String id) {
        return unreadable.contains(id);
    }

    @Override
    public CompletableFuture<Void> sync() {
        return CompletableFuture.completedFuture(null);
    }
}

package io.hookgate.dispatcher;

import io.hookgate.core.delivery.OperationalEvent;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Disables a subscription as an operator would: changes only its state, on the freshest record of
 * the {@code subscriptions} topic, then tells {@code subscription.disabled}.
 * <ul>
 *   <li>It first catches up with the topic ({@link Subscriptions#sync()}); when it cannot, it writes
 *   nothing and its future fails (counted in {@code hookgate_subscriptions_disable_failures_total}),
 *   so the caller asks again later: a record it has might be stale, and writing it would undo a
 *   newer change made through the admin API (a new URL, a rotated secret).</li>
 *   <li>One of the configuration file has a record of state alone: it writes that.</li>
 *   <li>One made through the admin API: it writes the record it now holds, in state disabled, then
 *   reads the topic back ({@link SubscriptionHistory}) from where it stood before the catch-up to
 *   its own write. Kafka keeps the last write of a key and has no compare-and-set, so a change
 *   written between its read and its write would be lost: it writes that change again with the
 *   disable on top (a deletion again as a tombstone). A change written after that repair (its writer
 *   could see the disable) is written back as it was. After three rounds of changes it gives up
 *   and fails, like a failed catch-up.</li>
 * </ul>
 * A subscription already disabled or deleted meanwhile is left as it is.
 */
final class SubscriptionDisabler {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionDisabler.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(10);
    private static final int ROUNDS = 3;

    private final Subscriptions subscriptions;
    private final SubscriptionHistory history;
    private final HandOff handOff;
    private final Topics topics;
    private final OperationalNotices notices;
    private final DispatcherMetrics metrics;
    private final Clock clock;

    SubscriptionDisabler(final Subscriptions subscriptions, final SubscriptionHistory history, final HandOff handOff, final Topics topics,
                         final OperationalNotices notices, final DispatcherMetrics metrics, final Clock clock) {
        this.subscriptions = subscriptions;
        this.history = history;
        this.handOff = handOff;
        this.topics = topics;
        this.notices = notices;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Disables {@code subscription} for {@code why}; completes once its record is written (or there
     * was none to write), fails when nothing could be written safely.
     */
    CompletableFuture<Void> disable(final LiveSubscription subscription, final String why) {
        final String id = subscription.id();
        return history.ends()
            .thenCompose(ends -> subscriptions.sync().orTimeout(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS).thenApply(synced -> ends))
            .thenCompose(ends -> disableFresh(id, why, ends))
            .whenComplete((done, error) -> {
                if (error != null) {
                    metrics.disableFailed(id);
                }
            });
    }

    /** Disables {@code id} as the table knows it after the catch-up; {@code ends}: where the topic stood before it. */
    private CompletableFuture<Void> disableFresh(final String id, final String why, final Map<Integer, Long> ends) {
        final Optional<LiveSubscription> now = subscriptions.find(id);
        if (now.isEmpty() || !now.get().enabled()) {
            LOG.warn("Subscription {} is already disabled or deleted; not disabling it for: {}", id, why);
            return CompletableFuture.completedFuture(null);
        }
        final CompletableFuture<Optional<SubscriptionRecord>> written;
        if (now.get().origin() == Origin.CONFIG) {
            // A record of state alone: writing over a newer one loses nothing but a state change, and the state is ours to set.
            final SubscriptionRecord disabled = SubscriptionRecord.configState(id, State.DISABLED, clock.instant());
            LOG.warn("Disabling subscription {}: {}", id, why);
            written = handOff.send(topics.subscriptionRecords().record(id, disabled)).thenApply(sent -> Optional.of(disabled));
        } else {
            final Optional<SubscriptionRecord> base = subscriptions.record(id).filter(record -> record.state() == State.ENABLED);
            if (base.isEmpty()) {
                LOG.warn("Subscription {} has no enabled record here to change; not disabling it for: {}", id, why);
                return CompletableFuture.completedFuture(null);
            }
            LOG.warn("Disabling subscription {}: {}", id, why);
            written = write(id, base, Optional.of(base.get().withState(State.DISABLED, clock.instant())), ends, 1);
        }
        return written.thenCompose(last -> last.filter(record -> record.state() == State.DISABLED).isPresent()
            // Its notice fails on its own (logged there): the subscription is disabled either way.
            ? notices.tell(OperationalEvent.Type.DISABLED, now.get().config(), why)
            : CompletableFuture.completedFuture(null));
    }

    /**
     * Writes {@code next} (empty: a tombstone) over {@code base}, then looks for a record of
     * {@code id} written from {@code from} up to its own write; completes with what it wrote last.
     */
    private CompletableFuture<Optional<SubscriptionRecord>> write(final String id, final Optional<SubscriptionRecord> base,
                                                                  final Optional<SubscriptionRecord> next, final Map<Integer, Long> from,
                                                                  final int round) {
        return handOff.write(topics.subscriptionRecords().record(id, next.orElse(null)))
            .thenCompose(metadata -> history.lastOf(id, metadata.partition(), from.getOrDefault(metadata.partition(), metadata.offset()),
                    metadata.offset())
                .thenCompose(last -> {
                    if (last.isEmpty() || round == 1 && last.get().value().equals(base)) {
                        return CompletableFuture.completedFuture(next);
                    }
                    return overwritten(id, last.get(), metadata, round);
                }));
    }

    /** {@code id}'s own write at {@code metadata} went over {@code lost}: writes it again, disabled when written before the disable. */
    private CompletableFuture<Optional<SubscriptionRecord>> overwritten(final String id, final SubscriptionHistory.Written lost,
                                                                        final RecordMetadata metadata, final int round) {
        if (round == ROUNDS) {
            return CompletableFuture.failedFuture(new IllegalStateException("subscription " + id + " kept changing while it was disabled ("
                + ROUNDS + " rounds)"));
        }
        final Optional<SubscriptionRecord> again = round == 1
            ? lost.value().map(record -> record.state() == State.ENABLED ? record.withState(State.DISABLED, clock.instant()) : record)
            : lost.value();
        LOG.warn("Subscription {} changed (offset {}) while it was disabled (offset {}); writing that change again{}", id, lost.offset(),
            metadata.offset(), round == 1 ? " with the disable on top" : ", as it was");
        return write(id, lost.value(), again, Map.of(metadata.partition(), metadata.offset() + 1), round + 1);
    }
}

package io.hookgate.dispatcher;

import io.hookgate.core.delivery.OperationalEvent;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Disables a subscription as an operator would: writes its state to the {@code subscriptions}
 * topic through the dispatcher's producer (for one made through the admin API, its current record
 * in state disabled; for one of the configuration file, its state record), then tells
 * {@code subscription.disabled}. It first catches up with the topic, so that the record it changes
 * is the latest it can know; a change written elsewhere at the same moment may still be overwritten
 * (the topic keeps the last write). A subscription already disabled or deleted meanwhile is left
 * as it is. The returned future fails when the record could not be written, so the caller may ask
 * again later.
 */
final class SubscriptionDisabler {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionDisabler.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(10);

    private final Subscriptions subscriptions;
    private final HandOff handOff;
    private final Topics topics;
    private final OperationalNotices notices;
    private final Clock clock;

    SubscriptionDisabler(final Subscriptions subscriptions, final HandOff handOff, final Topics topics, final OperationalNotices notices,
                         final Clock clock) {
        this.subscriptions = subscriptions;
        this.handOff = handOff;
        this.topics = topics;
        this.notices = notices;
        this.clock = clock;
    }

    /** Disables {@code subscription} for {@code why}; completes once its record is written (or there was none to write). */
    CompletableFuture<Void> disable(final LiveSubscription subscription, final String why) {
        return subscriptions.sync().orTimeout(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS)
            .handle((synced, error) -> {
                if (error != null) {
                    LOG.warn("Could not catch up with the subscriptions topic before disabling subscription={}: {}", subscription.id(),
                        error.toString());
                }
                return disabledRecord(subscription);
            })
            .thenCompose(record -> {
                if (record.isEmpty()) {
                    LOG.warn("Subscription {} is already disabled or deleted, or this dispatcher has no record of it to change; "
                        + "not disabling it for: {}", subscription.id(), why);
                    return CompletableFuture.completedFuture(null);
                }
                LOG.warn("Disabling subscription {}: {}", subscription.id(), why);
                return handOff.send(topics.subscriptionRecords().record(subscription.id(), record.get()))
                    // Its notice fails on its own (logged there): the subscription is disabled either way.
                    .thenAccept(written -> notices.tell(OperationalEvent.Type.DISABLED, subscription.config(), why));
            });
    }

    /**
     * The record that disables the subscription as it is known now; empty when it is disabled or
     * deleted already, or when it was made through the admin API and its record is not known here.
     */
    private Optional<SubscriptionRecord> disabledRecord(final LiveSubscription subscription) {
        final Optional<LiveSubscription> now = subscriptions.find(subscription.id());
        if (now.isEmpty() || !now.get().enabled()) {
            return Optional.empty();
        }
        if (now.get().origin() == Origin.CONFIG) {
            return Optional.of(SubscriptionRecord.configState(subscription.id(), State.DISABLED, clock.instant()));
        }
        return subscriptions.record(subscription.id()).filter(record -> record.state() == State.ENABLED)
            .map(record -> record.withState(State.DISABLED, clock.instant()));
    }
}

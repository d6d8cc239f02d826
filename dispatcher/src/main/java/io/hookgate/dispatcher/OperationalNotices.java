package io.hookgate.dispatcher;

import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.OperationalEvent;
import io.hookgate.core.id.TimeOrderedIds;
import io.hookgate.core.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Tells operators what the dispatcher did to a subscription: an {@link OperationalEvent} written to
 * {@code events.operational} (keyed by subscription id) and, once that write is done, posted to
 * {@code admin.notifyUrl} when one is set. The write goes through the hand-off, so it is tried
 * again while Kafka is away; one Kafka refuses for good is logged, with the event, as an error.
 */
final class OperationalNotices {

    private static final Logger LOG = LoggerFactory.getLogger(OperationalNotices.class);

    private final HandOff handOff;
    private final Topics topics;
    private final Optional<AdminNotify> notify;
    private final Clock clock;
    private final TimeOrderedIds ids;

    OperationalNotices(final HandOff handOff, final Topics topics, final Optional<AdminNotify> notify, final Clock clock) {
        this.handOff = handOff;
        this.topics = topics;
        this.notify = notify;
        this.clock = clock;
        this.ids = new TimeOrderedIds(clock);
    }

    /** Tells that {@code type} happened to {@code subscription}, for {@code detail}; completes once the topic has it (or refused it). */
    CompletableFuture<Void> tell(final OperationalEvent.Type type, final SubscriptionConfig subscription, final String detail) {
        final OperationalEvent event = new OperationalEvent(OperationalEvent.SCHEMA_VERSION, "op_" + ids.next(), type, subscription.id(),
            subscription.tenant().orElse(null), clock.instant(), detail);
        LOG.warn("Subscription {}: {} ({})", subscription.id(), type.code(), detail);
        return handOff.send(topics.operationalEvents().record(subscription.id(), event))
            .whenComplete((written, error) -> {
                if (error != null) {
                    LOG.error("Operational event id={} type={} subscription={} not written: {}", event.id(), type.code(), subscription.id(),
                        error.getMessage());
                }
                // Posted even when the topic could not have it: the operator hears of it either way.
                notify.ifPresent(target -> target.post(event));
            });
    }
}

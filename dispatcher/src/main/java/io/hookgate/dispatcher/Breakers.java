package io.hookgate.dispatcher;

import io.hookgate.core.config.BreakerSettings;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.OperationalEvent;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.dispatcher.internals.breaker.Breaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The breaker of each subscription in this dispatcher, kept in memory: a subscription's tasks all
 * share one partition of each task topic (they are keyed by its id), read by one instance at a time,
 * so that instance's breaker is the subscription's. After a restart or a rebalance the new owner
 * starts closed, and opens again after {@code breaker.failures} failures if the endpoint is still
 * down. A breaker is made afresh (closed) when its subscription changes in any way (its settings, or
 * its state: enabling a disabled subscription starts it closed). Each change of a breaker is a
 * metric, and its opening and closing an operational event.
 */
final class Breakers {

    private static final Logger LOG = LoggerFactory.getLogger(Breakers.class);

    /** A breaker with what it was made for: a subscription whose settings or last change differ gets a new one. */
    private record Entry(Breaker breaker, BreakerSettings settings, Duration disableAfter, Instant version) {

        boolean fits(final LiveSubscription subscription) {
            return settings.equals(subscription.config().breaker()) && disableAfter.equals(subscription.config().disableAfter())
                && Objects.equals(version, subscription.updatedAt());
        }
    }

    private final Map<String, Entry> breakers = new ConcurrentHashMap<>();
    private final DispatcherMetrics metrics;
    private final OperationalNotices notices;
    private final Clock clock;
    private final Consumer<String> opened;

    /**
     * @param opened told the id of a subscription whose breaker just opened, with the breaker's lock held (so that it parks
     *               the tasks its lane holds before any later task of it is admitted); it must not block
     */
    Breakers(final DispatcherMetrics metrics, final OperationalNotices notices, final Clock clock, final Consumer<String> opened) {
        this.metrics = metrics;
        this.notices = notices;
        this.clock = clock;
        this.opened = opened;
    }

    /** The breaker of {@code subscription} as it is now. */
    Breaker of(final LiveSubscription subscription) {
        return breakers.compute(subscription.id(), (id, current) -> current != null && current.fits(subscription) ? current
            : made(subscription)).breaker();
    }

    /** Drops the breaker of {@code subscription} (disabled or deleted): it starts closed when it delivers again. */
    void forget(final String subscription) {
        if (breakers.remove(subscription) != null) {
            metrics.breaker(subscription, Breaker.State.CLOSED.gauge());
        }
    }

    private Entry made(final LiveSubscription subscription) {
        final SubscriptionConfig config = subscription.config();
        metrics.breaker(config.id(), Breaker.State.CLOSED.gauge());
        return new Entry(new Breaker(config.breaker(), config.disableAfter(), clock, (from, to, why) -> changed(config, from, to, why)),
            config.breaker(), config.disableAfter(), subscription.updatedAt());
    }

    private void changed(final SubscriptionConfig subscription, final Breaker.State from, final Breaker.State to, final String why) {
        metrics.breakerChanged(subscription.id(), to.name().toLowerCase(Locale.ROOT), to.gauge());
        if (from == Breaker.State.CLOSED && to == Breaker.State.OPEN) {
            opened.accept(subscription.id());
            notices.tell(OperationalEvent.Type.BREAKER_OPENED, subscription, why);
        } else if (to == Breaker.State.CLOSED) {
            notices.tell(OperationalEvent.Type.BREAKER_CLOSED, subscription, why);
        } else {
            LOG.info("Breaker of subscription={} {}: {}", subscription.id(), to == Breaker.State.HALF_OPEN ? "half-open" : "open again", why);
        }
    }
}

package io.hookgate.admin.internals.subscriptions;

import io.hookgate.admin.api.model.Subscription;
import io.hookgate.core.config.Durations;
import io.hookgate.core.config.EventTypePattern;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.subscription.LiveSubscription;

/** A live subscription as the admin API answers it: the {@link Subscription} record, secrets never part of it. */
final class SubscriptionView {

    private SubscriptionView() {
    }

    static Subscription of(final LiveSubscription live) {
        final SubscriptionConfig config = live.config();
        return new Subscription(config.id(), config.url().toString(), config.sources(),
            config.eventTypes().stream().map(EventTypePattern::toString).toList(), Durations.format(config.timeout()),
            config.rateLimitPerSecond(), config.maxInFlight(), config.tenant().orElse(null), config.allowInsecureUrl(),
            new Subscription.Breaker(config.breaker().failures(), Durations.format(config.breaker().window()),
                Durations.format(config.breaker().probeEvery())),
            Durations.format(config.disableAfter()),
            config.retryDelays().map(delays -> delays.stream().map(Durations::format).toList()).orElse(null),
            live.description().orElse(null), live.state().code(), live.origin().code(), live.createdAt(), live.updatedAt());
    }
}

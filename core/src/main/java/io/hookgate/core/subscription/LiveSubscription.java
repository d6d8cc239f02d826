package io.hookgate.core.subscription;

import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.State;

import java.time.Instant;
import java.util.Optional;

/**
 * A subscription as it is in force now: its settings with the secrets that sign today (those of a
 * rotation's previous secret until it ends), whether it is enabled, and where it is declared.
 *
 * @param createdAt when it was made through the API; null for one of the configuration file
 * @param updatedAt when it last changed through the API; null when never
 */
public record LiveSubscription(SubscriptionConfig config, State state, Origin origin, Optional<String> description,
                               Instant createdAt, Instant updatedAt) {

    public String id() {
        return config.id();
    }

    public boolean enabled() {
        return state == State.ENABLED;
    }
}

package io.hookgate.admin.internals.deliveries;

import java.util.Optional;

/**
 * The state of a subscription's circuit breaker as the health answer shows it ({@code closed},
 * {@code open}, ...), where something knows it; empty where nothing does, answered {@code unknown}.
 * The attempts log does not say it (a breaker that parks tasks makes no attempts), so it comes from
 * whatever records the breaker's changes.
 */
@FunctionalInterface
public interface BreakerStates {

    /** Knows no breaker: every state is {@code unknown}. */
    BreakerStates UNKNOWN = subscription -> Optional.empty();

    Optional<String> state(String subscription);
}

package io.hookgate.admin.internals.view;

import io.hookgate.core.delivery.OperationalEvent;

import java.time.Instant;

/**
 * A subscription's breaker as the dispatcher last reported it in {@code events.operational}:
 * {@code open} after {@code subscription.breaker_opened} (and after {@code subscription.disabled},
 * whose tasks wait parked too), {@code closed} after {@code subscription.breaker_closed}.
 *
 * @param at when the dispatcher reported it
 */
public record BreakerState(String state, Instant at) {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    static BreakerState of(final OperationalEvent event) {
        return new BreakerState(event.type() == OperationalEvent.Type.BREAKER_CLOSED ? CLOSED : OPEN, event.at());
    }
}

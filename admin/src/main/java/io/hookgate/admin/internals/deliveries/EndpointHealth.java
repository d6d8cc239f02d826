package io.hookgate.admin.internals.deliveries;

import io.hookgate.admin.api.model.Health;
import io.hookgate.admin.internals.view.AttemptStats;
import io.hookgate.admin.internals.view.DeliveryStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of one subscription's endpoint, from the attempts the delivery log counted per minute:
 * for each window ({@code 5m}, {@code 24h}) the attempts that started in the minutes it overlaps
 * (the current one included, so a window spans up to a minute more than its name), how many were
 * delivered and failed, the success rate, and p50 and p99 latency (the upper bound of the latency
 * bucket that holds the rank: at most 10 % and 1 ms above the exact value); the breaker's state; and
 * the last attempt that was not delivered.
 */
final class EndpointHealth {

    /** The windows answered, by name. */
    static final Map<String, Duration> WINDOWS = windows();

    private EndpointHealth() {
    }

    private static Map<String, Duration> windows() {
        final Map<String, Duration> windows = new LinkedHashMap<>();
        windows.put("5m", Duration.ofMinutes(5));
        windows.put("24h", Duration.ofHours(24));
        return Collections.unmodifiableMap(windows);
    }

    /** The health answer of {@code subscription} at {@code now}. */
    static Health of(final DeliveryStore store, final BreakerStates breakers, final String subscription, final Instant now) {
        final Map<String, Health.Window> windows = new LinkedHashMap<>();
        WINDOWS.forEach((name, length) -> windows.put(name, window(store.stats(subscription, now.minus(length), now))));
        return new Health(subscription, now, Collections.unmodifiableMap(windows), breakers.state(subscription).orElse("unknown"),
            store.lastError(subscription).orElse(null));
    }

    static Health.Window window(final AttemptStats stats) {
        return new Health.Window(stats.attempts(), stats.delivered(), stats.failed(), stats.successRate(), stats.percentileMs(0.50),
            stats.percentileMs(0.99));
    }
}

package io.hookgate.core.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

import static io.hookgate.core.config.ConfigKey.optional;

/**
 * A subscription's {@code breaker}: after {@code failures} endpoint failures in a row (timeouts,
 * connection errors, 429, 5xx; a 2xx starts the count again) within {@code window}, the
 * dispatcher stops attempting the subscription's tasks and parks them; every {@code probeEvery}
 * one task is let through to test the endpoint, and its 2xx closes the breaker. A key left out of
 * {@code breaker: {...}} keeps its default.
 */
public record BreakerSettings(int failures, Duration window, Duration probeEvery) {

    public static final ConfigKey<Integer> FAILURES = optional("failures", ValueType.INT, 20,
        "Endpoint failures in a row (timeouts, connection errors, 429, 5xx) within the window that open the breaker.")
        .validatedBy(Validator.between(1, 1_000_000));
    public static final ConfigKey<Duration> WINDOW = optional("window", ValueType.DURATION, Duration.ofMinutes(1),
        "How recent the failures that open the breaker must be.")
        .validatedBy(Validator.positive());
    public static final ConfigKey<Duration> PROBE_EVERY = optional("probeEvery", ValueType.DURATION, Duration.ofSeconds(30),
        "While the breaker is open, one task at a time is let through this often to test the endpoint; its 2xx closes the breaker.")
        .validatedBy(Validator.positive());

    public static final ConfigDef DEF = ConfigDef.of(FAILURES, WINDOW, PROBE_EVERY);

    /** The breaker of a subscription that does not set one. */
    public static final BreakerSettings DEFAULT = new BreakerSettings(FAILURES.defaultValue(), WINDOW.defaultValue(),
        PROBE_EVERY.defaultValue());

    /** How {@code breaker: {failures, window, probeEvery}} is read: each key left out keeps its default. */
    static final ValueType<BreakerSettings> TYPE = new ValueType<>() {
        @Override
        public BreakerSettings read(final JsonNode node, final String path, final ConfigProblems problems) {
            final int before = problems.size();
            final ConfigValues values = DEF.read(node, path, problems);
            return problems.size() > before ? null
                : new BreakerSettings(values.get(FAILURES), values.get(WINDOW), values.get(PROBE_EVERY));
        }

        @Override
        public JsonNode write(final BreakerSettings value) {
            return DEF.write(new ConfigValues(java.util.Map.of(FAILURES, value.failures(), WINDOW, value.window(),
                PROBE_EVERY, value.probeEvery()), java.util.Set.of()));
        }

        @Override
        public String describe() {
            return "{failures, window, probeEvery}";
        }
    };

    /** As the configuration file writes it (the reference shows the default so). */
    @Override
    public String toString() {
        return "{failures: " + failures + ", window: " + Durations.format(window) + ", probeEvery: " + Durations.format(probeEvery) + "}";
    }
}

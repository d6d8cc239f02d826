package io.hookgate.core.metrics;

import io.micrometer.core.instrument.Meter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Meters looked up on every event, built and registered once per key instead of at each use
 * (a builder, its tags and the registry's lookup cost more than the increment itself).
 */
public final class MeterCache {

    private final Map<String, Meter> meters = new ConcurrentHashMap<>();

    /** The meter of {@code key}, made by {@code create} the first time. */
    @SuppressWarnings("unchecked")
    public <M extends Meter> M get(final String key, final Supplier<M> create) {
        return (M) meters.computeIfAbsent(key, ignored -> create.get());
    }
}

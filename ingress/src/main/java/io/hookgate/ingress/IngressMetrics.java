package io.hookgate.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The ingress's metrics: requests by source and status, and the time to answer. */
final class IngressMetrics {

    private record Meters(Counter requests, Timer latency) {
    }

    private final MeterRegistry registry;
    // Looked up on every request: cached rather than built and registered each time.
    private final Map<String, Meters> bySourceAndStatus = new ConcurrentHashMap<>();

    private final java.util.function.Function<String, String> tenantOf;

    /** @param tenantOf the tenant of a source, empty for none: every meter carries it */
    IngressMetrics(final MeterRegistry registry, final java.util.function.Function<String, String> tenantOf) {
        this.registry = registry;
        this.tenantOf = tenantOf;
    }

    /**
     * Answers 503 (what an alert watches) at zero for each of {@code sources}: a counter that first
     * appears at 1 hides that first increase from {@code rate()}.
     */
    void startAtZero(final Collection<String> sources) {
        sources.forEach(source -> meters(source, 503));
    }

    void answered(final String source, final int status, final Duration took) {
        final Meters meters = meters(source, status);
        meters.requests().increment();
        meters.latency().record(took);
    }

    private Meters meters(final String source, final int status) {
        return bySourceAndStatus.computeIfAbsent(source + ' ' + status, key -> new Meters(
            Counter.builder("hookgate.ingress.requests").description("Requests answered, by source and status")
                .tag("source", source).tag("tenant", tenantOf.apply(source)).tag("status", Integer.toString(status)).register(registry),
            Timer.builder("hookgate.ingress.latency").description("Time from request start to answer")
                .tag("source", source).tag("tenant", tenantOf.apply(source)).publishPercentileHistogram().register(registry)));
    }
}

package io.hookgate.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/** The ingress's metrics: requests by source and status, and the time to answer. */
final class IngressMetrics {

    private final MeterRegistry registry;

    IngressMetrics(final MeterRegistry registry) {
        this.registry = registry;
    }

    void answered(final String source, final int status, final Duration took) {
        Counter.builder("hookgate.ingress.requests").description("Requests answered, by source and status")
            .tag("source", source).tag("status", Integer.toString(status)).register(registry).increment();
        Timer.builder("hookgate.ingress.latency").description("Time from request start to answer")
            .tag("source", source).publishPercentileHistogram().register(registry).record(took);
    }
}

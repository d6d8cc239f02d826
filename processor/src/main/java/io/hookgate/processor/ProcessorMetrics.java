package io.hookgate.processor;

import io.hookgate.core.metrics.MeterCache;
import io.hookgate.core.rejection.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Collection;
import java.util.function.Function;

/**
 * The processor's business metrics. Under exactly-once a transaction that aborts is processed
 * again, so these counters may count such a record twice; the topics never do.
 */
public final class ProcessorMetrics {

    /** The type tag of an event without a type. */
    static final String NO_TYPE = "(none)";

    private final MeterRegistry registry;
    private final MeterCache meters = new MeterCache();

    private final Function<String, String> tenantOf;

    public ProcessorMetrics(final MeterRegistry registry) {
        this(registry, source -> "");
    }

    /** @param tenantOf the tenant of a source, empty for none: every meter of a source carries it */
    public ProcessorMetrics(final MeterRegistry registry, final Function<String, String> tenantOf) {
        this.registry = registry;
        this.tenantOf = tenantOf;
    }

    private Tags of(final String source) {
        return Tags.of("source", source, "tenant", tenantOf.apply(source));
    }

    /**
     * The counters that alerts watch, at zero for each of {@code sources}: a counter that first appears
     * at 1 hides that first increase from {@code increase()} and {@code rate()}.
     */
    public void startAtZero(final Collection<String> sources) {
        for (String source : sources) {
            verifiedCounter(source);
            for (RejectReason reason : RejectReason.values()) {
                rejectedCounter(source, reason);
            }
        }
    }

    public void verified(final String source) {
        verifiedCounter(source).increment();
    }

    private Counter verifiedCounter(final String source) {
        return meters.get("verified " + source, () -> Counter.builder("hookgate.events.verified")
            .description("Requests whose signature verified").tags(of(source)).register(registry));
    }

    public void rejected(final String source, final RejectReason reason) {
        rejectedCounter(source, reason).increment();
    }

    private Counter rejectedCounter(final String source, final RejectReason reason) {
        return meters.get("rejected " + source + " " + reason.code(), () -> Counter.builder("hookgate.verification.failures")
            .description("Requests rejected, by reason").tags(of(source)).tag("reason", reason.code()).register(registry));
    }

    public void duplicate(final String source) {
        meters.get("duplicate " + source, () -> Counter.builder("hookgate.events.duplicates")
            .description("Verified events dropped as duplicates").tags(of(source)).register(registry)).increment();
    }

    public void published(final String source) {
        meters.get("published " + source, () -> Counter.builder("hookgate.events.published")
            .description("Unique events written to verified topics").tags(of(source)).register(registry)).increment();
    }

    /**
     * An event that no subscription wants: counted by source and type ({@code (none)} for an event
     * without a type), so that nothing leaves the books silently.
     */
    public void unrouted(final String source, final String type) {
        final String typeTag = type == null ? NO_TYPE : type;
        meters.get("unrouted " + source + " " + typeTag, () -> Counter.builder("hookgate.events.unrouted")
            .description("Verified events that no subscription wants").tags(of(source)).tag("type", typeTag)
            .register(registry)).increment();
    }

    public void verifyTime(final String source, final Duration duration) {
        meters.<Timer>get("verify " + source, () -> Timer.builder("hookgate.verify.latency").description("Time to verify one request")
            .tags(of(source)).publishPercentileHistogram().register(registry)).record(duration);
    }
}

package io.hookgate.core.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

import java.util.Objects;

/**
 * The tracer hookgate's parts make their spans with, from the {@link OpenTelemetry} instance the
 * process built from its configuration (never {@code GlobalOpenTelemetry}): passed to each part,
 * so one JVM may hold several independent ones (tests do). {@link #noop()} records nothing, yet
 * still passes on a trace context that arrived with a request or record.
 */
public final class Tracing {

    /** The instrumentation scope of every hookgate span. */
    public static final String SCOPE = "io.hookgate";

    private static final Tracing NOOP = new Tracing(OpenTelemetry.noop());

    private final Tracer tracer;

    private Tracing(final OpenTelemetry openTelemetry) {
        this.tracer = Objects.requireNonNull(openTelemetry, "openTelemetry").getTracer(SCOPE);
    }

    public static Tracing of(final OpenTelemetry openTelemetry) {
        return new Tracing(openTelemetry);
    }

    /** Tracing off: spans are not recorded, incoming trace context is passed on unchanged. */
    public static Tracing noop() {
        return NOOP;
    }

    public Tracer tracer() {
        return tracer;
    }
}

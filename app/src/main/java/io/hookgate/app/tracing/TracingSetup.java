package io.hookgate.app.tracing;

import io.hookgate.core.config.TracingSettings;
import io.hookgate.core.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The OpenTelemetry SDK of one hookgate process, built from section {@code tracing}: off (a no-op
 * that still passes trace context on), or spans batched to an OTLP/HTTP collector or to a JSON
 * lines file. Sampling is parent-based: a trace that arrives keeps its sampling decision, a new
 * one is sampled at {@code sampleRatio}. Each span's resource names the service, the parts this
 * process runs ({@code hookgate.part}) and the process ({@code service.instance.id}). Owned by the
 * process (never registered as {@code GlobalOpenTelemetry}); {@link #close()} flushes what is left.
 */
public final class TracingSetup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TracingSetup.class);
    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    static final AttributeKey<String> SERVICE_INSTANCE = AttributeKey.stringKey("service.instance.id");
    static final AttributeKey<String> PART = AttributeKey.stringKey("hookgate.part");
    /** The file exporter is read by tests and people waiting for a span: written soon after it ends. */
    private static final Duration FILE_EXPORT_DELAY = Duration.ofMillis(200);

    private final OpenTelemetrySdk sdk;
    private final Tracing tracing;

    private TracingSetup(final OpenTelemetrySdk sdk) {
        this.sdk = sdk;
        this.tracing = sdk == null ? Tracing.noop() : Tracing.of(sdk);
    }

    /**
     * @param parts the names of the parts this process runs, for the resource
     * @throws UncheckedIOException when the json-file exporter cannot open its file
     */
    public static TracingSetup from(final TracingSettings settings, final Collection<String> parts) {
        if (!settings.enabled()) {
            return new TracingSetup(null);
        }
        final Resource resource = Resource.getDefault().merge(Resource.builder()
            .put(SERVICE_NAME, settings.serviceName())
            .put(SERVICE_INSTANCE, UUID.randomUUID().toString())
            .put(PART, parts.stream().map(part -> part.toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(",")))
            .build());
        final BatchSpanProcessor processor = exportTo(settings);
        final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setResource(resource)
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.sampleRatio())))
            .addSpanProcessor(processor)
            .build();
        LOG.info("Tracing on: exporter={} {} serviceName={} sampleRatio={}", settings.exporter(),
            TracingSettings.JSON_FILE.equals(settings.exporter()) ? "file=" + settings.file().orElseThrow()
                : "otlpEndpoint=" + settings.otlpEndpoint(), settings.serviceName(), settings.sampleRatio());
        return new TracingSetup(OpenTelemetrySdk.builder()
            .setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build());
    }

    /** Spans batched to the configured exporter. */
    private static BatchSpanProcessor exportTo(final TracingSettings settings) {
        if (TracingSettings.JSON_FILE.equals(settings.exporter())) {
            final Path file = Path.of(settings.file().orElseThrow());
            final SpanExporter exporter;
            try {
                exporter = new JsonFileSpanExporter(file);
            } catch (IOException e) {
                throw new UncheckedIOException("tracing.file " + file + " cannot be opened for appending", e);
            }
            return BatchSpanProcessor.builder(exporter).setScheduleDelay(FILE_EXPORT_DELAY).build();
        }
        final OtlpHttpSpanExporterBuilder otlp = OtlpHttpSpanExporter.builder()
            .setEndpoint(settings.otlpEndpoint().replaceAll("/+$", "") + "/v1/traces");
        settings.otlpHeaders().forEach(otlp::addHeader);
        return BatchSpanProcessor.builder(otlp.build()).build();
    }

    /** What the parts make their spans with. */
    public Tracing tracing() {
        return tracing;
    }

    /** Exports the spans still waiting (within a few seconds), then stops the SDK. */
    @Override
    public void close() {
        if (sdk != null) {
            sdk.getSdkTracerProvider().shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}

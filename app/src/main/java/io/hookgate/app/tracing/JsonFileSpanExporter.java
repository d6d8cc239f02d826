package io.hookgate.app.tracing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.core.json.Json;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;

/**
 * Exporter {@code json-file}: appends each finished span to a file as one JSON object per line
 * ({@code traceId}, {@code spanId}, {@code parentSpanId}, {@code name}, {@code kind},
 * {@code startEpochNanos}, {@code endEpochNanos}, {@code status}, {@code attributes},
 * {@code resource}). For tests, which read back what separate processes traced, and for a quick
 * look without a collector; not for production volumes.
 */
final class JsonFileSpanExporter implements SpanExporter {

    private static final Logger LOG = LoggerFactory.getLogger(JsonFileSpanExporter.class);

    private final Path file;
    private final Writer out;
    private boolean failedBefore;

    JsonFileSpanExporter(final Path file) throws IOException {
        this.file = file;
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public synchronized CompletableResultCode export(final Collection<SpanData> spans) {
        try {
            for (SpanData span : spans) {
                out.write(Json.mapper().writeValueAsString(line(span)));
                out.write('\n');
            }
            out.flush();
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            // Said once, not for every batch: a full disk would otherwise flood the log.
            if (!failedBefore) {
                LOG.warn("Cannot write spans to {}; spans are dropped until it works again", file, e);
                failedBefore = true;
            }
            return CompletableResultCode.ofExceptionalFailure(e);
        }
    }

    static ObjectNode line(final SpanData span) {
        final ObjectNode line = Json.mapper().createObjectNode();
        line.put("traceId", span.getTraceId());
        line.put("spanId", span.getSpanId());
        line.put("parentSpanId", span.getParentSpanContext().isValid() ? span.getParentSpanId() : null);
        line.put("name", span.getName());
        line.put("kind", span.getKind().name());
        line.put("startEpochNanos", span.getStartEpochNanos());
        line.put("endEpochNanos", span.getEndEpochNanos());
        line.put("status", span.getStatus().getStatusCode().name());
        final ObjectNode attributes = line.putObject("attributes");
        span.getAttributes().forEach((key, value) -> attributes.putPOJO(key.getKey(), value));
        final ObjectNode resource = line.putObject("resource");
        span.getResource().getAttributes().forEach((key, value) -> resource.putPOJO(key.getKey(), value));
        return line;
    }

    @Override
    public synchronized CompletableResultCode flush() {
        try {
            out.flush();
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            return CompletableResultCode.ofExceptionalFailure(e);
        }
    }

    @Override
    public synchronized CompletableResultCode shutdown() {
        try {
            out.close();
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            return CompletableResultCode.ofExceptionalFailure(e);
        }
    }
}

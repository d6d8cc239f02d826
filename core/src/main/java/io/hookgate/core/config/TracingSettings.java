package io.hookgate.core.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.hookgate.core.config.ConfigKey.optional;

/**
 * Section {@code tracing}: OpenTelemetry traces of each webhook, from the ingress through the
 * processor to every delivery attempt. Off by default; when on, spans go to an OTLP/HTTP
 * collector, or (for tests and debugging) as JSON lines to a file.
 */
public record TracingSettings(boolean enabled, String exporter, String otlpEndpoint, Map<String, String> otlpHeaders,
                              String serviceName, double sampleRatio, Optional<String> file) {

    public static final String OTLP = "otlp";
    public static final String JSON_FILE = "json-file";

    public static final ConfigKey<Boolean> ENABLED = optional("enabled", ValueType.BOOLEAN, false,
        "Whether spans are recorded and exported. Off, a traceparent that arrives is still passed on.");
    public static final ConfigKey<String> EXPORTER = optional("exporter", ValueType.STRING, OTLP,
        "Where spans go: otlp (OTLP over HTTP to otlpEndpoint), or json-file (one JSON object per span, appended to file; "
            + "for tests and debugging).").validatedBy(Validator.oneOf(Set.of(OTLP, JSON_FILE)));
    public static final ConfigKey<String> OTLP_ENDPOINT = optional("otlpEndpoint", ValueType.STRING, "http://127.0.0.1:4318",
        "Base URL of the OTLP/HTTP collector; spans are posted to <otlpEndpoint>/v1/traces.")
        .validatedBy(SourceConfig::checkUrl);
    public static final ConfigKey<Map<String, String>> OTLP_HEADERS = optional("otlpHeaders", ValueType.STRING_MAP, Map.of(),
        "Headers sent with every export, e.g. a collector's API key (write it as ${VARIABLE}).").secret();
    public static final ConfigKey<String> SERVICE_NAME = optional("serviceName", ValueType.STRING, "hookgate",
        "The service.name of every span; the part (ingress, processor, dispatcher) is the hookgate.part resource attribute.")
        .validatedBy(Validator.nonEmpty());
    public static final ConfigKey<Double> SAMPLE_RATIO = optional("sampleRatio", ValueType.DECIMAL, 1.0,
        "Share of new traces recorded, 0.0 to 1.0; a trace that arrives sampled or not (its traceparent) keeps that decision.")
        .validatedBy((value, path, problems) -> {
            if (value < 0.0 || value > 1.0 || value.isNaN()) {
                problems.add(path, value + " is outside 0.0..1.0");
            }
        });
    public static final ConfigKey<String> FILE = optional("file", ValueType.STRING, null,
        "The file exporter json-file appends spans to (required with it).").validatedBy(Validator.nonEmpty());

    public static final ConfigDef DEF = ConfigDef.of(ENABLED, EXPORTER, OTLP_ENDPOINT, OTLP_HEADERS, SERVICE_NAME, SAMPLE_RATIO, FILE);

    static TracingSettings from(final ConfigValues values, final String path, final ConfigProblems problems) {
        final TracingSettings settings = new TracingSettings(values.get(ENABLED), values.get(EXPORTER), values.get(OTLP_ENDPOINT),
            values.get(OTLP_HEADERS), values.get(SERVICE_NAME), values.get(SAMPLE_RATIO), Optional.ofNullable(values.get(FILE)));
        final String filePath = ConfigProblems.child(path, FILE.name());
        if (settings.enabled() && JSON_FILE.equals(settings.exporter()) && settings.file().isEmpty() && !problems.reported(filePath)) {
            problems.add(filePath, "required with exporter " + JSON_FILE);
        }
        return settings;
    }

    /** Tracing off: what a configuration without the section has. */
    public static TracingSettings defaults() {
        return new TracingSettings(false, OTLP, OTLP_ENDPOINT.defaultValue(), Map.of(), SERVICE_NAME.defaultValue(),
            SAMPLE_RATIO.defaultValue(), Optional.empty());
    }
}

package io.hookgate.core.config;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Sections {@code tracing} and {@code logging}: off and plain by default, validated as a whole. */
class ObservabilityConfigTest {

    private final ConfigLoader loader = new ConfigLoader(ConfigLoaderTest.PROVIDERS, Map.of("OTLP_KEY", "k-123")::get);

    @Test
    void withoutTheSectionsTracingIsOffAndLogsArePlainAtInfo() {
        final HookgateConfig config = loader.parse("sources: {a: {provider: standard-webhooks}}");
        assertThat(config.tracing()).isEqualTo(TracingSettings.defaults());
        assertThat(config.tracing().enabled()).isFalse();
        assertThat(config.tracing().otlpEndpoint()).isEqualTo("http://127.0.0.1:4318");
        assertThat(config.tracing().sampleRatio()).isEqualTo(1.0);
        assertThat(config.logging()).isEqualTo(LoggingSettings.defaults());
        assertThat(config.logging().json()).isFalse();
    }

    @Test
    void readsEveryKey() {
        final HookgateConfig config = loader.parse("""
            sources: {a: {provider: standard-webhooks}}
            tracing:
              enabled: true
              otlpEndpoint: https://otel.example.com:4318
              otlpHeaders: {x-api-key: "${OTLP_KEY}"}
              serviceName: hooks-eu
              sampleRatio: 0.25
            logging:
              format: json
              level: warn
              loggers: {org.apache.kafka: INFO, io.hookgate.dispatcher: debug}
            """);
        assertThat(config.tracing()).isEqualTo(new TracingSettings(true, "otlp", "https://otel.example.com:4318",
            Map.of("x-api-key", "k-123"), "hooks-eu", 0.25, Optional.empty()));
        assertThat(config.logging().json()).isTrue();
        assertThat(config.logging().level()).isEqualTo("WARN");
        assertThat(config.logging().loggers()).containsEntry("org.apache.kafka", "INFO").containsEntry("io.hookgate.dispatcher", "debug");
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            sources: {a: {provider: standard-webhooks}}
            tracing: {enabled: true, exporter: json-file, sampleRatio: 1.5, otlpEndpoint: "ftp://x", colour: red}
            logging: {format: xml, level: LOUD, loggers: {org.apache.kafka: verbose}}
            """));
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
            "tracing.colour: unknown key (known keys: enabled, exporter, otlpEndpoint, otlpHeaders, serviceName, sampleRatio, file)",
            "tracing.sampleRatio: 1.5 is outside 0.0..1.0",
            "tracing.otlpEndpoint: 'ftp://x' is not an absolute http(s) URL",
            "tracing.file: required with exporter json-file",
            "logging.format: 'xml' is not one of json, plain",
            "logging.level: 'LOUD' is not a level (TRACE, DEBUG, INFO, WARN, ERROR, OFF)",
            "logging.loggers.org.apache.kafka: 'verbose' is not a level (TRACE, DEBUG, INFO, WARN, ERROR, OFF)");
    }

    @Test
    void theFileExporterNamesItsFile() {
        final HookgateConfig config = loader.parse("""
            sources: {a: {provider: standard-webhooks}}
            tracing: {enabled: true, exporter: json-file, file: /tmp/spans.jsonl}
            """);
        assertThat(config.tracing().exporter()).isEqualTo(TracingSettings.JSON_FILE);
        assertThat(config.tracing().file()).contains("/tmp/spans.jsonl");
    }

    @Test
    void securityEventsAreLoggedSixtyAMinuteUnlessConfigured() {
        assertThat(loader.parse("sources: {a: {provider: standard-webhooks}}").logging().securityEventsPerMinute()).isEqualTo(60);
        assertThat(loader.parse("""
            sources: {a: {provider: standard-webhooks}}
            logging: {securityEventsPerMinute: 600}
            """).logging().securityEventsPerMinute()).isEqualTo(600);
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            sources: {a: {provider: standard-webhooks}}
            logging: {securityEventsPerMinute: 0}
            """));
        assertThat(error.problems()).extracting(ConfigProblem::toString)
            .containsExactly("logging.securityEventsPerMinute: 0 is outside 1..60000");
    }

    @Test
    void aSourceMayAllowOnlySomeUserAgents() {
        final HookgateConfig config = loader.parse("""
            sources:
              gh: {provider: standard-webhooks, allowedUserAgents: ["GitHub-Hookshot/*", "curl/8.5.0"]}
              open: {provider: standard-webhooks}
            """);
        assertThat(config.sources().get("gh").allowedUserAgents()).containsExactly("GitHub-Hookshot/*", "curl/8.5.0");
        assertThat(config.sources().get("open").allowedUserAgents()).isEmpty();
    }

    @Test
    void aUserAgentPatternThatCouldNeverMatchOrMatchesEverythingIsAnError() {
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            sources:
              gh:
                provider: standard-webhooks
                allowedUserAgents: ["", " GitHub-Hookshot/*", "caf\u00e9/1", "**", "%s"]
            """.formatted("x".repeat(257))));
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
            "sources.gh.allowedUserAgents[0]: empty",
            "sources.gh.allowedUserAgents[1]: has leading or trailing whitespace (a newline from a file or variable?); it would never match",
            "sources.gh.allowedUserAgents[2]: 'caf?/1' has a character a User-Agent header cannot carry (only printable ASCII)",
            "sources.gh.allowedUserAgents[3]: '**' matches every User-Agent; leave allowedUserAgents empty to allow all",
            "sources.gh.allowedUserAgents[4]: longer than 256 characters");
    }
}

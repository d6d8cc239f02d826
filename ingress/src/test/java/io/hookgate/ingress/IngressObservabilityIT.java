package io.hookgate.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.TopicReader;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.tracing.TraceHeaders;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.providers.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingress's part of observability on a real broker: the span of each request (continuing a
 * provider's valid {@code traceparent}, a new trace otherwise) whose context the raw record carries.
 */
class IngressObservabilityIT {

    static final String PROVIDER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PROVIDER_SPAN = "00f067aa0ba902b7";
    static final Topics TOPICS = new Topics("obs.");
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    static KafkaTestCluster kafka;
    static OpenTelemetrySdk openTelemetry;
    static SimpleMeterRegistry registry;
    static IngressServer ingress;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
        final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse("""
            kafka: {bootstrapServers: "%s", topicPrefix: "obs.", partitions: 1}
            ingress: {host: 127.0.0.1, port: 0}
            sources:
              open: {provider: standard-webhooks, maxBodyBytes: 1024}
            """.formatted(kafka.bootstrapServers()));
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(TOPICS.all(config));
        }
        openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build()).build();
        registry = new SimpleMeterRegistry();
        ingress = new IngressServer(config, Providers.builtIn().bind(config), registry, Clock.systemUTC(), Tracing.of(openTelemetry));
        ingress.start();
    }

    @AfterAll
    static void stop() {
        if (ingress != null) {
            ingress.close();
        }
        if (openTelemetry != null) {
            openTelemetry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @BeforeEach
    void forgetSpans() {
        SPANS.reset();
    }

    static HttpResponse<String> post(final String source, final String body, final String... headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingress.port() + "/webhooks/" + source))
            .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The one span the ingress finished (spans end just after the answer is sent). */
    static SpanData ingressSpan() {
        await().atMost(Duration.ofSeconds(10)).until(() -> SPANS.getFinishedSpanItems().size() == 1);
        return SPANS.getFinishedSpanItems().get(0);
    }

    static ConsumerRecord<String, byte[]> rawRecord(final String ingressId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader.readAll(kafka.bootstrapServers(), TOPICS.raw()).stream()
            .anyMatch(r -> ingressId.equals(RawRecordCodec.lastValue(r.headers(), RawRecordCodec.INGRESS_ID))));
        return TopicReader.readAll(kafka.bootstrapServers(), TOPICS.raw()).stream()
            .filter(r -> ingressId.equals(RawRecordCodec.lastValue(r.headers(), RawRecordCodec.INGRESS_ID))).findFirst().orElseThrow();
    }

    static String ingressId(final HttpResponse<String> response) throws Exception {
        final JsonNode json = Json.mapper().readTree(response.body());
        return json.get("ingressId").asText();
    }

    @Test
    void aProvidersTraceparentIsContinuedAndTheRawRecordNamesTheIngressSpan() throws Exception {
        final HttpResponse<String> response = post("open", "{\"a\":1}", "traceparent", "00-" + PROVIDER_TRACE + "-" + PROVIDER_SPAN + "-01",
            "tracestate", "vendor=abc", "User-Agent", "Provider-Hookshot/1.0");
        assertThat(response.statusCode()).isEqualTo(200);
        final SpanData span = ingressSpan();
        assertThat(span.getName()).isEqualTo("POST /webhooks/{source}");
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getTraceId()).isEqualTo(PROVIDER_TRACE);
        assertThat(span.getParentSpanId()).isEqualTo(PROVIDER_SPAN);
        assertThat(span.getParentSpanContext().isRemote()).isTrue();
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("hookgate.source"))).isEqualTo("open");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("user_agent.original"))).isEqualTo("Provider-Hookshot/1.0");
        final String ingressId = ingressId(response);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("hookgate.ingress_id"))).isEqualTo(ingressId);

        final ConsumerRecord<String, byte[]> record = rawRecord(ingressId);
        assertThat(record.headers().headers(TraceHeaders.TRACEPARENT)).hasSize(1);
        assertThat(RawRecordCodec.lastValue(record.headers(), TraceHeaders.TRACEPARENT))
            .isEqualTo("00-" + PROVIDER_TRACE + "-" + span.getSpanId() + "-01");
        assertThat(RawRecordCodec.lastValue(record.headers(), TraceHeaders.TRACESTATE)).isEqualTo("vendor=abc");
        // The provider's own header is kept as it sent it, among the request's HTTP headers.
        assertThat(RawRecordCodec.lastValue(record.headers(), "http.traceparent")).endsWith(PROVIDER_SPAN + "-01");
    }

    @Test
    void withoutOrWithABrokenTraceparentEachRequestStartsANewTrace() throws Exception {
        for (String[] headers : List.of(new String[0], new String[] {"traceparent", "00-not-a-trace-01"},
            new String[] {"traceparent", "00-00000000000000000000000000000000-" + PROVIDER_SPAN + "-01"})) {
            SPANS.reset();
            final HttpResponse<String> response = post("open", "{\"b\":1}", headers);
            assertThat(response.statusCode()).isEqualTo(200);
            final SpanData span = ingressSpan();
            assertThat(span.getParentSpanId()).isEqualTo(SpanId.getInvalid());
            assertThat(span.getTraceId()).isNotEqualTo(PROVIDER_TRACE);
            assertThat(RawRecordCodec.lastValue(rawRecord(ingressId(response)).headers(), TraceHeaders.TRACEPARENT))
                .startsWith("00-" + span.getTraceId() + "-" + span.getSpanId() + "-");
        }
    }

    @Test
    void aRefusedRequestIsTracedWithItsCode() throws Exception {
        assertThat(post("nowhere", "{}").statusCode()).isEqualTo(404);
        final SpanData span = ingressSpan();
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(404L);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("unknown_source");
    }
}

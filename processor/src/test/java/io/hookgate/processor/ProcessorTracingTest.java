package io.hookgate.processor;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DeliveryTaskRecord;
import io.hookgate.core.kafka.DedupPartitions;
import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.request.RawRequest;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.tracing.TraceHeaders;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.providers.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import static io.hookgate.processor.ProcessorTopologyTest.SECRET;
import static io.hookgate.processor.ProcessorTopologyTest.T0;
import static io.hookgate.processor.ProcessorTopologyTest.signed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor continues the trace a raw record names: a {@code verify} span child of the
 * ingress's, a {@code deduplicate} span child of it, and {@code verified.{source}}, the delivery
 * tasks and {@code events.rejected} carrying the right span on; a record without trace context
 * starts a new trace.
 */
class ProcessorTracingTest {

    private static final String INGRESS_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String INGRESS_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + INGRESS_TRACE + "-" + INGRESS_SPAN + "-01";

    private final Topics topics = new Topics("hg.");
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private OpenTelemetrySdk openTelemetry;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<String, byte[]> verified;
    private TestOutputTopic<String, byte[]> rejected;
    private TestOutputTopic<String, byte[]> dispatch;

    @BeforeEach
    void start(@TempDir final Path stateDir) throws IOException {
        final HookgateConfig config = ProcessorTopologyTest.config(stateDir);
        openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final Properties props = new Properties();
        props.putAll(ProcessorService.streamsConfig(config, registry));
        props.put("state.dir", stateDir.toString());
        driver = new TopologyTestDriver(ProcessorTopology.build(config, Providers.builtIn().bind(config), new ProcessorMetrics(registry),
            ProcessorTopologyTest.PARTITIONS, Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC), Tracing.of(openTelemetry)), props);
        raw = driver.createInputTopic(topics.raw(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        verified = driver.createOutputTopic(topics.verified("demo"), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        rejected = driver.createOutputTopic(topics.rejected(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        dispatch = driver.createOutputTopic(topics.dispatch(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        openTelemetry.close();
    }

    private void pipe(final RawRequest request, final String traceparent) {
        final Headers headers = RawRecordCodec.headers(request);
        if (traceparent != null) {
            headers.add(TraceHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        raw.pipeInput(new TestRecord<>(request.recordKey().getBytes(StandardCharsets.UTF_8), request.body(), headers, request.receivedAt()));
    }

    /** A message id whose dedup key is (or is not) in partition 0, where the test driver reads the raw topic. */
    private static String messageId(final boolean inPlace) {
        return IntStream.range(0, 1000).mapToObj(i -> "msg_" + i)
            .filter(id -> (DedupPartitions.of("demo:" + id, ProcessorTopologyTest.PARTITIONS) == 0) == inPlace)
            .findFirst().orElseThrow();
    }

    private SpanData span(final String name) {
        final List<SpanData> named = spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as("spans named " + name).hasSize(1);
        return named.get(0);
    }

    private static String traceparentOf(final SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-01";
    }

    private static String traceparent(final Headers headers) {
        return RawRecordCodec.lastValue(headers, TraceHeaders.TRACEPARENT);
    }

    @Test
    void verifyAndDeduplicateContinueTheIngressTraceInPlaceAndAfterARepartition() {
        for (boolean inPlace : new boolean[] {true, false}) {
            spans.reset();
            final String id = messageId(inPlace);
            pipe(signed("demo", "ing-" + id, id, "{\"type\":\"invoice.paid\"}", T0, T0, SECRET), TRACEPARENT);

            final SpanData verify = span("verify");
            final SpanData dedup = span("deduplicate");
            assertThat(verify.getTraceId()).as("in place: " + inPlace).isEqualTo(INGRESS_TRACE);
            assertThat(verify.getParentSpanId()).isEqualTo(INGRESS_SPAN);
            assertThat(verify.getParentSpanContext().isRemote()).isTrue();
            assertThat(verify.getAttributes().get(AttributeKey.stringKey("hookgate.outcome"))).isEqualTo("verified");
            assertThat(verify.getAttributes().get(AttributeKey.stringKey("hookgate.ingress_id"))).isEqualTo("ing-" + id);
            assertThat(verify.getAttributes().get(AttributeKey.stringKey("hookgate.event_id"))).isEqualTo(id);
            assertThat(dedup.getTraceId()).isEqualTo(INGRESS_TRACE);
            assertThat(dedup.getParentSpanId()).isEqualTo(verify.getSpanId());
            assertThat(dedup.getAttributes().get(AttributeKey.booleanKey("hookgate.duplicate"))).isFalse();

            // What leaves the processor names the deduplicate span: downstream consumers and every delivery attempt join the trace.
            assertThat(traceparent(verified.readRecord().headers())).isEqualTo(traceparentOf(dedup));
            final List<TestRecord<String, byte[]>> tasks = dispatch.readRecordsToList();
            assertThat(tasks).extracting(TestRecord::key).containsExactlyInAnyOrder("all", "invoices");
            assertThat(tasks).allSatisfy(task -> {
                assertThat(traceparent(task.headers())).isEqualTo(traceparentOf(dedup));
                assertThat(task.headers().headers(TraceHeaders.TRACEPARENT)).hasSize(1);
                final DeliveryTask decoded = DeliveryTaskRecord.decode(task.headers(), task.value());
                assertThat(decoded.eventRef().eventId()).isEqualTo(id);
            });
        }
    }

    @Test
    void aRecordWithoutTraceContextStartsANewTrace() {
        pipe(signed("demo", "ing-1", messageId(true), "{\"type\":\"invoice.paid\"}", T0, T0, SECRET), null);
        final SpanData verify = span("verify");
        assertThat(verify.getParentSpanId()).isEqualTo(SpanId.getInvalid());
        assertThat(verify.getTraceId()).isNotEqualTo(INGRESS_TRACE);
        assertThat(span("deduplicate").getTraceId()).isEqualTo(verify.getTraceId());
        assertThat(dispatch.readRecordsToList()).allSatisfy(task ->
            assertThat(traceparent(task.headers())).startsWith("00-" + verify.getTraceId() + "-"));
    }

    @Test
    void aRejectedCopyNamesTheVerifySpanWithItsReason() {
        pipe(signed("demo", "ing-1", "msg_forged", "{\"type\":\"invoice.paid\"}", T0, T0,
            "whsec_ZGVtby1zb3VyY2Utc2VjcmV0LWZvci1ob29rZ2F0ZQ=="), TRACEPARENT);
        final SpanData verify = span("verify");
        assertThat(verify.getParentSpanId()).isEqualTo(INGRESS_SPAN);
        assertThat(verify.getAttributes().get(AttributeKey.stringKey("hookgate.outcome"))).isEqualTo("rejected");
        assertThat(verify.getAttributes().get(AttributeKey.stringKey("hookgate.reason"))).isEqualTo("bad_signature");
        final TestRecord<String, byte[]> copy = rejected.readRecord();
        assertThat(copy.headers().headers(TraceHeaders.TRACEPARENT)).hasSize(1);
        assertThat(traceparent(copy.headers())).isEqualTo(traceparentOf(verify));
        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("verify");
    }

    @Test
    void aDuplicateEndsItsTraceAtDeduplicate() {
        final String id = messageId(true);
        pipe(signed("demo", "ing-1", id, "{\"type\":\"invoice.paid\"}", T0, T0, SECRET), TRACEPARENT);
        verified.readRecordsToList();
        dispatch.readRecordsToList();
        spans.reset();
        pipe(signed("demo", "ing-2", id, "{\"type\":\"invoice.paid\"}", T0, T0, SECRET), null);
        assertThat(span("deduplicate").getAttributes().get(AttributeKey.booleanKey("hookgate.duplicate"))).isTrue();
        assertThat(verified.isEmpty()).isTrue();
        assertThat(dispatch.isEmpty()).isTrue();
    }
}

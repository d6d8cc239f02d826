package io.hookgate.dispatcher;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DeliveryTaskRecord;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.tracing.TraceHeaders;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.dispatcher.internals.http.DeliveryClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each delivery attempt is an HTTP client span of the task's trace, and the subscriber receives
 * it as {@code traceparent}; a retry carries the task's trace on, so attempt 2 is a sibling of
 * attempt 1 under the same parent; a task without trace context starts a new trace.
 */
class DeliveriesTracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";
    private static final Topics TOPICS = new Topics("tr.");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService sender = Executors.newSingleThreadExecutor();
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final AtomicInteger answered = new AtomicInteger();
    private RecordingReceiver receiver;
    private DeliveryClient client;
    private Deliveries deliveries;

    @BeforeEach
    void start() throws Exception {
        receiver = new RecordingReceiver();
        // The first attempt fails, the second succeeds.
        receiver.answer(request -> RecordingReceiver.Answer.status(answered.getAndIncrement() == 0 ? 503 : 204));
        final HookgateConfig config = new ConfigLoader(DispatcherIT.ONE_PROVIDER, Map.<String, String>of()::get).parse("""
            kafka: {topicPrefix: "tr."}
            sources:
              s: {provider: standard-webhooks}
            subscriptions:
              billing: {url: "%s", allowInsecureUrl: true, sources: [s], secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}
            dispatch: {retryDelays: [1s]}
            """.formatted(receiver.url("/hook")));
        client = new DeliveryClient(org.apache.hc.client5.http.SystemDefaultDnsResolver.INSTANCE, timer, Clock.systemUTC());
        deliveries = new Deliveries(config, io.hookgate.core.subscription.Subscriptions.of(config), client, new HandOff(producer, sender, sender, timer), new DispatcherMetrics(new SimpleMeterRegistry()),
            timer, Clock.systemUTC(), Tracing.of(openTelemetry));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        receiver.close();
        sender.shutdownNow();
        timer.shutdownNow();
        openTelemetry.close();
    }

    private static DeliveryTask task() {
        final VerifiedEvent event = new VerifiedEvent(1, StableIds.eventId("s", "evt_1"), "s", "standard-webhooks", null, "evt_1",
            EventIdOrigin.PROVIDER, "test.event", Instant.now(), Instant.now(), "ing-1", List.of("body"),
            RawJson.trusted("{\"n\":1}".getBytes(StandardCharsets.UTF_8)));
        return DeliveryTask.first(event, "billing", Instant.now());
    }

    /** Delivers {@code task} as the loop does: with the trace its record names current. */
    private void deliver(final DeliveryTask task, final Context trace) throws Exception {
        try (Scope ignored = trace.makeCurrent()) {
            deliveries.deliver(task).get(10, TimeUnit.SECONDS);
        }
    }

    private static Context remoteParent() {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE, PARENT, TraceFlags.getSampled(),
            TraceState.getDefault())));
    }

    @Test
    void everyAttemptIsAClientSpanOfTheTasksTraceAndTheSubscriberGetsItsTraceparent() throws Exception {
        deliver(task(), remoteParent());

        final SpanData first = spans.getFinishedSpanItems().get(0);
        assertThat(first.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(first.getName()).isEqualTo("POST billing");
        assertThat(first.getTraceId()).isEqualTo(TRACE);
        assertThat(first.getParentSpanId()).isEqualTo(PARENT);
        assertThat(first.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(503L);
        assertThat(first.getAttributes().get(AttributeKey.longKey("hookgate.attempt"))).isEqualTo(1L);
        assertThat(first.getAttributes().get(AttributeKey.stringKey("hookgate.subscription"))).isEqualTo("billing");
        assertThat(first.getAttributes().get(AttributeKey.stringKey("hookgate.outcome"))).isEqualTo("retry");
        assertThat(first.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(receiver.received().get(0).header("traceparent")).isEqualTo("00-" + TRACE + "-" + first.getSpanId() + "-01");

        // The task waits in the retry tier with the same trace context it came with, not the failed attempt's.
        final String tier = TOPICS.retryTopics(List.of(java.time.Duration.ofSeconds(1))).get(0);
        final ProducerRecord<byte[], byte[]> retry = producer.history().stream().filter(r -> r.topic().equals(tier)).findFirst().orElseThrow();
        assertThat(retry.topic()).isEqualTo(TOPICS.retryTopics(List.of(java.time.Duration.ofSeconds(1))).get(0));
        assertThat(new String(retry.headers().lastHeader(TraceHeaders.TRACEPARENT).value(), StandardCharsets.UTF_8))
            .isEqualTo("00-" + TRACE + "-" + PARENT + "-01");
        final DeliveryTask retried = DeliveryTaskRecord.decode(retry.headers(), retry.value());
        deliver(retried, TraceHeaders.extract(retry.headers()));

        final SpanData second = spans.getFinishedSpanItems().get(1);
        assertThat(second.getTraceId()).isEqualTo(TRACE);
        assertThat(second.getParentSpanId()).isEqualTo(PARENT);
        assertThat(second.getAttributes().get(AttributeKey.longKey("hookgate.attempt"))).isEqualTo(2L);
        assertThat(second.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(204L);
        assertThat(second.getAttributes().get(AttributeKey.stringKey("hookgate.outcome"))).isEqualTo("delivered");
        assertThat(second.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(receiver.received().get(1).header("traceparent")).isEqualTo("00-" + TRACE + "-" + second.getSpanId() + "-01");
        // Still signed as before: the signature covers the body, which the trace header does not touch.
        assertThat(receiver.received().get(1).header("webhook-signature")).startsWith("v1,");
    }

    @Test
    void aTaskWithoutTraceContextStartsANewTrace() throws Exception {
        answered.set(1);
        deliver(task(), Context.root());
        final SpanData attempt = spans.getFinishedSpanItems().get(0);
        assertThat(attempt.getParentSpanId()).isEqualTo(SpanId.getInvalid());
        // Sampled (and, for a trace started here, flagged random too: W3C level 2).
        assertThat(receiver.received().get(0).header("traceparent"))
            .matches("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-0[13]");
    }
}

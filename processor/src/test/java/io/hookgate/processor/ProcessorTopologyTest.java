package io.hookgate.processor;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DeliveryTaskRecord;
import io.hookgate.core.json.Json;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.json.JsonSerde;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.rejection.RejectionHeaders;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.request.RawRequest;
import io.hookgate.core.topics.Topics;
import io.hookgate.processor.internals.dedup.DedupStores;
import io.hookgate.providers.Providers;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.hookgate.core.event.DuplicateRecord;
import io.hookgate.core.topics.Topic;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorTopologyTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    static final String CONFIG = """
        kafka: {topicPrefix: "hg."}
        sources:
          demo: {provider: standard-webhooks, secrets: ["%1$s"], dedupRetention: 1h, tenant: acme}
          other: {provider: standard-webhooks, secrets: ["%1$s"]}
          unset: {provider: standard-webhooks}
          gh: {provider: github, secrets: ["gh-s3cret-value"]}
          small: {provider: standard-webhooks, secrets: ["%1$s"], maxBodyBytes: 1024}
          app:
            provider: publisher
            secrets: ["%2$s"]
            eventTypes: [{name: order.created, schema: "%3$s"}, order.cancelled, customer.created]
        subscriptions:
          all:
            url: https://all.example.com/
            sources: [demo]
            secret: "%1$s"
            tenant: acme
          invoices:
            url: https://invoices.example.com/
            sources: [demo]
            eventTypes: ["invoice.*"]
            secret: "%1$s"
            tenant: acme
          others:
            url: https://others.example.com/
            sources: [other]
            secret: "%1$s"
          orders:
            url: https://orders.example.com/
            sources: [app]
            eventTypes: ["order.*"]
            secret: "%1$s"
        """;

    static final String APP_TOKEN = "hgp_3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e";
    static final String ORDER_SCHEMA = """
        {"type": "object", "required": ["orderId"], "properties": {"orderId": {"type": "integer", "minimum": 1}}}
        """;

    /** Several partitions: events whose dedup key belongs to partition 0 (where the test driver reads) stay in place, the others are repartitioned. */
    static final int PARTITIONS = 3;

    private final Topics topics = new Topics("hg.");
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<String, VerifiedEvent> verifiedDemo;
    private TestOutputTopic<String, byte[]> rejected;
    private TestOutputTopic<String, byte[]> dispatch;
    private SimpleMeterRegistry registry;

    /** {@link #CONFIG} with its secrets, its schema file written into {@code dir}. */
    static HookgateConfig config(final Path dir) throws IOException {
        final Path schema = Files.writeString(dir.resolve("order-created.json"), ORDER_SCHEMA);
        return new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse(CONFIG.formatted(SECRET, APP_TOKEN, schema));
    }

    @BeforeEach
    void start(@TempDir final Path stateDir) throws IOException {
        final HookgateConfig config = config(stateDir);
        registry = new SimpleMeterRegistry();
        final Clock clock = Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC);
        final Properties props = new Properties();
        props.putAll(ProcessorService.streamsConfig(config, registry));
        props.put("state.dir", stateDir.toString());
        driver = new TopologyTestDriver(
            ProcessorTopology.build(config, Providers.builtIn().bind(config), new ProcessorMetrics(registry), PARTITIONS, clock), props);
        raw = driver.createInputTopic(topics.raw(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        verifiedDemo = driver.createOutputTopic(topics.verified("demo"), Serdes.String().deserializer(),
            new JsonSerde<>(VerifiedEvent.class).deserializer());
        rejected = driver.createOutputTopic(topics.rejected(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        dispatch = driver.createOutputTopic(topics.dispatch(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static RawRequest signed(final String source, final String ingressId, final String msgId, final String body,
                             final Instant signedAt, final Instant receivedAt, final String secret) {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final HttpHeaders headers = HttpHeaders.empty()
            .with("content-type", "application/json")
            .with("webhook-id", msgId)
            .with("webhook-timestamp", Long.toString(signedAt.getEpochSecond()))
            .with("webhook-signature", StandardWebhooksSigner.header(List.of(secret), msgId, signedAt.getEpochSecond(), bytes));
        return new RawRequest(ingressId, source, receivedAt, "203.0.113.9", "POST", "", headers, bytes);
    }

    private void pipe(final RawRequest request) {
        raw.pipeInput(new TestRecord<>(request.recordKey().getBytes(StandardCharsets.UTF_8), request.body(),
            RawRecordCodec.headers(request), request.receivedAt()));
    }

    @Test
    void verifiedEventIsPublishedWithTheEnvelopeAndFannedOutByType() {
        pipe(signed("demo", "ing-1", "msg_1", "{\"type\":\"invoice.paid\",\"n\":1}", T0, T0, SECRET));

        final KeyValue<String, VerifiedEvent> published = verifiedDemo.readKeyValue();
        assertThat(published.key).isEqualTo("demo:msg_1");
        final VerifiedEvent event = published.value;
        assertThat(event.source()).isEqualTo("demo");
        assertThat(event.provider()).isEqualTo("standard-webhooks");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.eventId()).isEqualTo("msg_1");
        assertThat(event.eventIdOrigin()).isEqualTo(EventIdOrigin.PROVIDER);
        assertThat(event.type()).isEqualTo("invoice.paid");
        assertThat(event.receivedAt()).isEqualTo(T0);
        assertThat(event.verifiedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(event.ingressId()).isEqualTo("ing-1");
        assertThat(event.payload().text()).isEqualTo("{\"type\":\"invoice.paid\",\"n\":1}");
        assertThat(event.signatureCovers()).containsExactly("id", "timestamp", "body");
        assertThat(verifiedDemo.isEmpty()).isTrue();

        final List<TestRecord<String, byte[]>> tasks = dispatch.readRecordsToList();
        assertThat(tasks).extracting(TestRecord::key).containsExactlyInAnyOrder("all", "invoices");
        assertThat(tasks).allSatisfy(record -> {
            final DeliveryTask task = DeliveryTaskRecord.decode(record.headers(), record.value());
            assertThat(Json.read(task.envelope().bytes(), VerifiedEvent.class)).isEqualTo(event);
            assertThat(task.eventRef()).isEqualTo(event.ref());
            assertThat(task.attempt()).isEqualTo(1);
            assertThat(task.deliveryId()).startsWith("msg_");
        });
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void thePayloadReachesTopicsAndTasksByteForByte() {
        final String body = "{\"type\":\"invoice.paid\", \"amount\": 12345678901234567.89,\"p\":0.30000000000000004441,"
            + "\"e\":1e2,\"s\":\"caf\\u00e9\"\n}";
        pipe(signed("demo", "ing-1", "msg_1", body, T0, T0, SECRET));
        assertThat(verifiedDemo.readValue().payload().text()).isEqualTo(body);
        assertThat(dispatch.readRecordsToList()).allSatisfy(record ->
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"payload\":" + body + "}"));
    }

    @Test
    void aBodyTooDeepToCarryIsRejectedAndTheTopologyGoesOn() {
        final String deep = "[".repeat(998) + "]".repeat(998);
        pipe(signed("demo", "ing-1", "msg_deep", deep, T0, T0, SECRET));
        assertThat(RejectionHeaders.reason(rejected.readRecord().headers())).contains(RejectReason.PAYLOAD_TOO_DEEP);
        pipe(signed("demo", "ing-2", "msg_ok", "{}", T0, T0, SECRET));
        assertThat(verifiedDemo.getQueueSize()).isEqualTo(1);
    }

    @Test
    void anEnvelopeTooLargeToCarryIsRejectedAndItsCopyKeptWithoutTheBody() {
        // Larger than any source allows (as after lowering maxBodyBytes): the envelope cannot be carried.
        final String huge = "{\"type\":\"a\",\"blob\":\"" + "x".repeat(1_300_000) + "\"}";
        pipe(signed("small", "ing-1", "msg_big", huge, T0, T0, SECRET));
        final TestRecord<String, byte[]> record = rejected.readRecord();
        assertThat(RejectionHeaders.reason(record.headers())).contains(RejectReason.PAYLOAD_TOO_LARGE);
        assertThat(record.value()).isEmpty();
        assertThat(RawRecordCodec.lastValue(record.headers(), RejectionHeaders.BODY_DROPPED)).isEqualTo(Integer.toString(huge.length()));
        assertThat(RawRecordCodec.lastValue(record.headers(), RawRecordCodec.INGRESS_ID)).isEqualTo("ing-1");
        assertThat(dispatch.isEmpty()).isTrue();
    }

    @Test
    void aSignedBodyResentUnderAnotherUnsignedIdIsADuplicate() {
        final byte[] body = "{\"action\":\"opened\",\"number\":7}".getBytes(StandardCharsets.UTF_8);
        final String signature = "sha256=" + java.util.HexFormat.of().formatHex(
            io.hookgate.providers.crypto.Hmac.compute(io.hookgate.providers.crypto.Hmac.Algorithm.SHA256,
                "gh-s3cret-value".getBytes(StandardCharsets.UTF_8), body));
        for (String[] delivery : new String[][] {{"ing-1", "d-1", "issues"}, {"ing-2", "d-2", "deployment"}}) {
            pipe(new RawRequest(delivery[0], "gh", T0, "", "POST", "", HttpHeaders.empty().with("Content-Type", "application/json")
                .with("X-Hub-Signature-256", signature).with("X-GitHub-Delivery", delivery[1]).with("X-GitHub-Event", delivery[2]), body));
        }
        final List<KeyValue<String, byte[]>> published = driver.createOutputTopic(topics.verified("gh"), Serdes.String().deserializer(),
            Serdes.ByteArray().deserializer()).readKeyValuesToList();
        assertThat(published).extracting(kv -> kv.key).containsExactly("gh:d-1");
        final VerifiedEvent event = Json.read(published.get(0).value, VerifiedEvent.class);
        assertThat(event.type()).isEqualTo("issues.opened");
        assertThat(event.signatureCovers()).containsExactly("body");
        assertThat(registry.get("hookgate.events.duplicates").tag("source", "gh").counter().count()).isEqualTo(1);
    }

    @Test
    void eventTypeFiltersLeaveOutOtherTypes() {
        pipe(signed("demo", "ing-1", "msg_1", "{\"type\":\"charge.failed\"}", T0, T0, SECRET));
        assertThat(dispatch.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("all");
    }

    @Test
    void anEventNoSubscriptionWantsIsCountedUnroutedBySourceAndType() {
        // gh and small have no subscription; app's customer.created is not among the order.* that its one subscription wants.
        final byte[] body = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);
        final String signature = "sha256=" + java.util.HexFormat.of().formatHex(
            io.hookgate.providers.crypto.Hmac.compute(io.hookgate.providers.crypto.Hmac.Algorithm.SHA256,
                "gh-s3cret-value".getBytes(StandardCharsets.UTF_8), body));
        pipe(new RawRequest("ing-1", "gh", T0, "", "POST", "", HttpHeaders.empty().with("Content-Type", "application/json")
            .with("X-Hub-Signature-256", signature).with("X-GitHub-Delivery", "d-1").with("X-GitHub-Event", "issues"), body));
        pipe(published("ing-2", "order.cancelled", "k-1", "{}"));
        pipe(published("ing-3", "customer.created", "k-2", "{}"));
        pipe(signed("demo", "ing-4", "msg_1", "{\"type\":\"charge.failed\"}", T0, T0, SECRET));
        pipe(signed("small", "ing-5", "msg_2", "{}", T0, T0, SECRET));

        assertThat(dispatch.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("orders", "all");
        assertThat(registry.get("hookgate.events.unrouted").tag("source", "gh").tag("type", "issues.opened").counter().count()).isEqualTo(1);
        assertThat(registry.get("hookgate.events.unrouted").tag("source", "small").tag("type", "(none)").counter().count()).isEqualTo(1);
        assertThat(registry.get("hookgate.events.unrouted").tag("source", "app").tag("type", "customer.created").counter().count())
            .isEqualTo(1);
        assertThat(registry.find("hookgate.events.unrouted").tag("type", "order.cancelled").counters()).as("routed to orders").isEmpty();
        assertThat(registry.find("hookgate.events.unrouted").tag("source", "demo").counters()).as("routed to all").isEmpty();
        assertThat(registry.find("hookgate.events.unrouted").counters()).hasSize(3);
    }

    @Test
    void duplicatesWithinRetentionArePublishedOnceAndAgainAfterIt() {
        pipe(signed("demo", "ing-1", "msg_1", "{\"type\":\"a\"}", T0, T0, SECRET));
        pipe(signed("demo", "ing-2", "msg_1", "{\"type\":\"a\"}", T0.plusSeconds(10), T0.plusSeconds(10), SECRET));
        pipe(signed("demo", "ing-3", "msg_1", "{\"type\":\"a\"}", T0.plusSeconds(3599), T0.plusSeconds(3599), SECRET));
        assertThat(verifiedDemo.readValuesToList()).extracting(VerifiedEvent::ingressId).containsExactly("ing-1");
        assertThat(registry.get("hookgate.events.duplicates").tag("source", "demo").counter().count()).isEqualTo(2);
        // Each dropped copy is recorded, naming the request that carried it; the first is not.
        final Topic<String, DuplicateRecord> dropped = topics.duplicateRecords();
        final List<KeyValue<String, DuplicateRecord>> duplicates = driver.createOutputTopic(dropped.name(), dropped.keys().deserializer(),
            dropped.values().deserializer()).readKeyValuesToList();
        assertThat(duplicates).extracting(kv -> kv.value.event().ingressId()).containsExactly("ing-2", "ing-3");
        assertThat(duplicates).extracting(kv -> kv.key).containsOnly("demo:msg_1");
        assertThat(duplicates.get(0).value.event().eventId()).isEqualTo("msg_1");

        pipe(signed("demo", "ing-4", "msg_1", "{\"type\":\"a\"}", T0.plusSeconds(3601), T0.plusSeconds(3601), SECRET));
        assertThat(verifiedDemo.readValuesToList()).extracting(VerifiedEvent::ingressId).containsExactly("ing-4");
    }

    @Test
    void sameEventIdOfTwoSourcesAreTwoEvents() {
        pipe(signed("demo", "ing-1", "msg_1", "{}", T0, T0, SECRET));
        pipe(signed("other", "ing-2", "msg_1", "{}", T0, T0, SECRET));
        assertThat(verifiedDemo.getQueueSize()).isEqualTo(1);
        assertThat(driver.createOutputTopic(topics.verified("other"), Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
            .getQueueSize()).isEqualTo(1);
    }

    @Test
    void expiredIdsArePurgedFromTheStore() {
        pipe(signed("demo", "ing-1", "msg_old", "{}", T0, T0, SECRET));
        final KeyValueStore<String, Long> seen = driver.getKeyValueStore(DedupStores.SEEN);
        assertThat(seen.get("demo:msg_old")).isNotNull();
        // Stream time moves two hours on: the one-hour retention of msg_old has passed.
        final Instant later = T0.plus(Duration.ofHours(2));
        pipe(signed("demo", "ing-2", "msg_new", "{}", later, later, SECRET));
        assertThat(seen.get("demo:msg_old")).isNull();
        assertThat(seen.get("demo:msg_new")).isNotNull();
        assertThat(driver.getKeyValueStore(DedupStores.EXPIRIES).approximateNumEntries()).isEqualTo(1);
    }

    @Test
    void forgeryIsRejectedWithItsRawBytesHeadersAndReason() {
        final RawRequest forged = signed("demo", "ing-1", "msg_1", "{\"type\":\"a\"}", T0, T0,
            "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");
        pipe(forged);

        final TestRecord<String, byte[]> record = rejected.readRecord();
        assertThat(record.key()).isEqualTo("demo");
        assertThat(record.value()).isEqualTo(forged.body());
        assertThat(RejectionHeaders.reason(record.headers())).contains(RejectReason.BAD_SIGNATURE);
        assertThat(RawRecordCodec.decode(record.headers(), record.value())).isEqualTo(forged);
        assertThat(verifiedDemo.isEmpty()).isTrue();
        assertThat(dispatch.isEmpty()).isTrue();
        assertThat(registry.get("hookgate.verification.failures").tag("reason", "bad_signature").counter().count()).isEqualTo(1);
    }

    @Test
    void staleReceiveTimeIsRejectedButProcessingLagIsNot() {
        // Signed at T0 and received at T0: valid, however late the processor gets to it (clock is T0+1s here,
        // and would be the same at T0+1d: only the receive time counts).
        pipe(signed("demo", "ing-1", "msg_1", "{}", T0, T0, SECRET));
        assertThat(verifiedDemo.getQueueSize()).isEqualTo(1);
        pipe(signed("demo", "ing-2", "msg_2", "{}", T0, T0.plusSeconds(301), SECRET));
        assertThat(RejectionHeaders.reason(rejected.readRecord().headers())).contains(RejectReason.STALE_TIMESTAMP);
    }

    static RawRequest published(final String ingressId, final String type, final String idempotencyKey, final String body) {
        HttpHeaders headers = HttpHeaders.empty().with("content-type", "application/json").with("Authorization", "Bearer " + APP_TOKEN)
            .with("Event-Type", type);
        if (idempotencyKey != null) {
            headers = headers.with("Idempotency-Key", idempotencyKey);
        }
        return new RawRequest(ingressId, "app", T0, "203.0.113.9", "POST", "", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theApplicationsOwnEventIsPublishedOncePerIdempotencyKey() {
        pipe(published("ing-1", "order.created", "order-7-created", "{\"orderId\": 7}"));
        pipe(published("ing-2", "order.created", "order-7-created", "{\"orderId\": 7}"));
        final List<KeyValue<String, byte[]>> published = driver.createOutputTopic(topics.verified("app"), Serdes.String().deserializer(),
            Serdes.ByteArray().deserializer()).readKeyValuesToList();
        assertThat(published).extracting(kv -> kv.key).containsExactly("app:order-7-created");
        final VerifiedEvent event = Json.read(published.get(0).value, VerifiedEvent.class);
        assertThat(event.type()).isEqualTo("order.created");
        assertThat(event.eventIdOrigin()).isEqualTo(EventIdOrigin.PROVIDER);
        assertThat(event.provider()).isEqualTo("publisher");
        assertThat(event.signatureCovers()).isEmpty();
        assertThat(event.payload().text()).isEqualTo("{\"orderId\": 7}");
        assertThat(dispatch.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("orders");
        assertThat(registry.get("hookgate.events.duplicates").tag("source", "app").counter().count()).isEqualTo(1);
    }

    @Test
    void anUndeclaredTypeFromThePublisherIsRejectedAsUnknown() {
        final RawRequest request = published("ing-1", "order.shipped", "order-7-shipped", "{\"orderId\": 7}");
        pipe(request);
        final TestRecord<String, byte[]> record = rejected.readRecord();
        assertThat(record.key()).isEqualTo("app");
        assertThat(record.value()).isEqualTo(request.body());
        assertThat(RejectionHeaders.reason(record.headers())).contains(RejectReason.UNKNOWN_EVENT_TYPE);
        assertThat(RejectionHeaders.detail(record.headers())).contains("'order.shipped' is not declared by source app");
        assertThat(dispatch.isEmpty()).isTrue();
        assertThat(registry.get("hookgate.verification.failures").tag("source", "app").tag("reason", "unknown_event_type").counter().count())
            .isEqualTo(1);
    }

    @Test
    void aPayloadBreakingItsSchemaIsRejectedWithTheJsonPointer() {
        pipe(published("ing-1", "order.created", null, "{\"orderId\": 0}"));
        final TestRecord<String, byte[]> record = rejected.readRecord();
        assertThat(RejectionHeaders.reason(record.headers())).contains(RejectReason.SCHEMA_VIOLATION);
        assertThat(RejectionHeaders.detail(record.headers())).contains("at \"/orderId\": must have a minimum value of 1");
        pipe(published("ing-2", "order.created", null, "{\"orderId\": 1}"));
        assertThat(driver.createOutputTopic(topics.verified("app"), Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
            .getQueueSize()).isEqualTo(1);
    }

    @Test
    void aPublisherRequestWithoutItsTokenOrTypeIsRejectedWithItsReason() {
        pipe(new RawRequest("ing-1", "app", T0, "", "POST", "", HttpHeaders.empty().with("Event-Type", "order.created"),
            "{}".getBytes(StandardCharsets.UTF_8)));
        pipe(new RawRequest("ing-2", "app", T0, "", "POST", "", HttpHeaders.empty().with("Authorization", "Bearer " + APP_TOKEN),
            "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(rejected.readRecordsToList()).extracting(r -> RejectionHeaders.reason(r.headers()).orElseThrow())
            .containsExactly(RejectReason.BAD_TOKEN, RejectReason.MISSING_EVENT_TYPE);
    }

    @Test
    void poisonRecordsAreRejectedNotFatal() {
        raw.pipeInput(new TestRecord<>(null, null, new RecordHeaders(), T0));
        final RecordHeaders garbage = new RecordHeaders();
        garbage.add(RawRecordCodec.SOURCE, "demo".getBytes(StandardCharsets.UTF_8));
        garbage.add(RawRecordCodec.INGRESS_ID, new byte[] {(byte) 0xC3, 0x28});
        garbage.add(RawRecordCodec.RECEIVED_AT, "not-a-time".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(new TestRecord<>(new byte[] {1}, new byte[] {(byte) 0xFF}, garbage, T0));
        pipe(signed("gone", "ing-9", "msg_1", "{}", T0, T0, SECRET));
        pipe(signed("unset", "ing-10", "msg_1", "{}", T0, T0, SECRET));
        final RawRequest emptyBody = new RawRequest("ing-11", "demo", T0, "", "POST", "", HttpHeaders.empty(), new byte[0]);
        pipe(emptyBody);

        final List<TestRecord<String, byte[]>> records = rejected.readRecordsToList();
        assertThat(records).extracting(TestRecord::key).containsExactly("unknown", "demo", "gone", "unset", "demo");
        assertThat(records).extracting(r -> RejectionHeaders.reason(r.headers()).orElseThrow()).containsExactly(
            RejectReason.MALFORMED_RECORD, RejectReason.MALFORMED_RECORD, RejectReason.UNKNOWN_SOURCE, RejectReason.NO_SECRET,
            RejectReason.MISSING_SIGNATURE);

        // The topology still works after the poison.
        pipe(signed("demo", "ing-12", "msg_ok", "{}", T0, T0, SECRET));
        assertThat(verifiedDemo.getQueueSize()).isEqualTo(1);
    }
}

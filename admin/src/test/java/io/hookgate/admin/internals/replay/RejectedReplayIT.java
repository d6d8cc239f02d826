package io.hookgate.admin.internals.replay;

import io.hookgate.admin.TestConfigs;
import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.admin.api.model.RequestCopy;
import io.hookgate.admin.internals.errors.Gone;
import io.hookgate.admin.internals.view.AdminIndex;
import io.hookgate.admin.internals.view.Redaction;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.rejection.RejectionHeaders;
import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.tracing.TraceHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * On a real broker: the admin index keeps a rejected request only redacted (no credential in any
 * value it stores or shows), while replay re-injects the original record, credentials and bytes
 * unchanged, read from Kafka by its coordinates; once retention took the original, replay is
 * refused as {@link Gone}.
 */
class RejectedReplayIT {

    static final Topics TOPICS = new Topics("r.");
    static final String BEARER = "Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LWJlYXJlcg";
    static final String QUERY_KEY = "AIzaSyQueryKey0123456789";
    static final String SIGNATURE = "sha256=5a8e0b1f0e6bd8b0a3f1c9";
    static final String CUSTOM = "custom-mac-value-0042";
    static final byte[] BODY = "{\"type\":\"order.paid\", \"amount\": 1.50}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theIndexKeepsARedactedCopyAndReplayReinjectsTheOriginal(@TempDir final Path dir) throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                 kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            try (Admin admin = kafka.admin()) {
                TestConfigs.createTopics(admin, TOPICS.dlq(), TOPICS.rejected(), TOPICS.replays(), TOPICS.attempts(), TOPICS.operational(), TOPICS.raw(),
                    TOPICS.verified("acme"));
            }
            final Instant received = Instant.parse("2026-11-01T10:00:00Z");
            final RecordHeaders headers = new RecordHeaders();
            headers.add(RawRecordCodec.INGRESS_ID, utf8("ing-42"));
            headers.add(RawRecordCodec.SOURCE, utf8("acme"));
            headers.add(RawRecordCodec.RECEIVED_AT, utf8(Long.toString(received.toEpochMilli())));
            headers.add(RawRecordCodec.CLIENT, utf8("203.0.113.9"));
            headers.add(RawRecordCodec.METHOD, utf8("POST"));
            headers.add(RawRecordCodec.QUERY, utf8("key=" + QUERY_KEY + "&order=42"));
            headers.add("http.content-type", utf8("application/json"));
            headers.add("http.user-agent", utf8("Acme-Hooks/2.1"));
            headers.add("http.authorization", utf8(BEARER));
            headers.add("http.x-hub-signature-256", utf8(SIGNATURE));
            headers.add("http.x-acme-mac", utf8(CUSTOM));
            headers.add(TraceHeaders.TRACEPARENT, utf8("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
            RejectionHeaders.add(headers, RejectReason.BAD_SIGNATURE, "no configured secret produces the signature", received.plusSeconds(1));
            producer.send(new ProducerRecord<>(TOPICS.rejected(), null, received.toEpochMilli(), utf8("acme"), BODY, headers)).get();

            final HookgateConfig config = TestConfigs.parse("""
                kafka: {bootstrapServers: "%s", topicPrefix: "r."}
                sources: {acme: {provider: hmac, header: X-Acme-Mac}}
                """.formatted(kafka.bootstrapServers()));
            try (AdminIndex index = new AdminIndex(config, dir, Redaction.of(config, TestConfigs.PROVIDERS), new SimpleMeterRegistry(),
                     Clock.systemUTC());
                 KafkaOriginalRecords originals = new KafkaOriginalRecords(config.kafka(), "r.test-originals", Duration.ofSeconds(10))) {
                index.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> index.notReadyReason() == null);

                final AdminEntry entry = index.rejected().get("rej_0_0").orElseThrow();
                final RequestCopy request = entry.request();
                // Who sent it, on the entry itself: what a listing shows.
                assertThat(entry.client()).isEqualTo("203.0.113.9");
                assertThat(entry.userAgent()).isEqualTo("Acme-Hooks/2.1");
                assertThat(Json.mapper().readTree(Json.writeString(entry)).path("userAgent").asText()).isEqualTo("Acme-Hooks/2.1");
                assertThat(request.query()).isEqualTo("key=[redacted]&order=42");
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.client()).isEqualTo("203.0.113.9");
                assertThat(request.receivedAt()).isEqualTo(received);
                assertThat(request.bodyBytes()).isEqualTo(BODY.length);
                assertThat(request.headers()).extracting(RequestCopy.HeaderCopy::name, RequestCopy.HeaderCopy::value).containsExactly(
                    tuple("content-type", "application/json"),
                    tuple("user-agent", "Acme-Hooks/2.1"),
                    tuple("authorization", Redaction.REDACTED),
                    tuple("x-hub-signature-256", Redaction.REDACTED),
                    tuple("x-acme-mac", Redaction.REDACTED));
                // Nothing the index stores or shows holds a credential.
                final String stored = Json.writeString(entry)
                    + new String(index.rejected().payload("rej_0_0").orElseThrow(), StandardCharsets.UTF_8);
                for (String secret : List.of(BEARER.substring(7), QUERY_KEY, SIGNATURE.substring(7), CUSTOM)) {
                    assertThat(stored).doesNotContain(secret);
                }

                final Replayer replayer = new Replayer(producer, originals, TOPICS, index.dlq(), index.rejected(), Clock.systemUTC());
                // Its show has the body as stored, read from Kafka.
                assertThat(replayer.rejectedPayload("rej_0_0").json().path("amount").decimalValue()).isEqualByComparingTo("1.50");
                replayer.replayRejected("rej_0_0", false, false);
                final ConsumerRecord<byte[], byte[]> replayed = readOne(kafka, TOPICS.raw());
                assertThat(replayed.value()).isEqualTo(BODY);
                assertThat(new String(replayed.key(), StandardCharsets.UTF_8)).isEqualTo("acme:ing-42");
                assertThat(replayed.timestamp()).isEqualTo(received.toEpochMilli());
                assertThat(RawRecordCodec.lastValue(replayed.headers(), "http.authorization")).isEqualTo(BEARER);
                assertThat(RawRecordCodec.lastValue(replayed.headers(), "http.x-hub-signature-256")).isEqualTo(SIGNATURE);
                assertThat(RawRecordCodec.lastValue(replayed.headers(), "http.x-acme-mac")).isEqualTo(CUSTOM);
                assertThat(RawRecordCodec.lastValue(replayed.headers(), RawRecordCodec.QUERY)).isEqualTo("key=" + QUERY_KEY + "&order=42");
                assertThat(RawRecordCodec.lastValue(replayed.headers(), RawRecordCodec.REPLAY_OF)).isEqualTo("rej_0_0");
                assertThat(replayed.headers().lastHeader(RejectionHeaders.REASON)).isNull();
                // A replay starts a new trace.
                assertThat(replayed.headers().lastHeader(TraceHeaders.TRACEPARENT)).isNull();
                final List<String> names = new ArrayList<>();
                for (Header header : replayed.headers()) {
                    names.add(header.key());
                }
                assertThat(names).startsWith(RawRecordCodec.INGRESS_ID, RawRecordCodec.SOURCE, RawRecordCodec.RECEIVED_AT);

                // Retention takes the original: the entry stays listed, its replay is refused as gone.
                try (Admin admin = kafka.admin()) {
                    admin.deleteRecords(Map.of(new TopicPartition(TOPICS.rejected(), 0), RecordsToDelete.beforeOffset(1))).all().get();
                }
                assertThat(replayer.rejectedPayload("rej_0_0").unavailable()).contains("gone");
                assertThatThrownBy(() -> replayer.replayRejected("rej_0_0", true, false)).isInstanceOf(Gone.class)
                    .hasMessageContaining("retention");
                assertThat(index.rejected().replayState("rej_0_0").count()).as("a replay not done is not recorded").isEqualTo(1);
            }
        }
    }

    private static ConsumerRecord<byte[], byte[]> readOne(final KafkaTestCluster kafka, final String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
            return records.get(0);
        }
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

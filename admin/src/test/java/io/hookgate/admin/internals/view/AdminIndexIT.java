package io.hookgate.admin.internals.view;

import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.admin.api.model.Delivery;

import io.hookgate.admin.TestConfigs;
import io.hookgate.admin.internals.events.EventRecords;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.AttemptEntryJson;
import io.hookgate.core.rejection.RejectionHeaders;
import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin index on a real broker never stops on a record: poison records of every kind, in each
 * of its topics, are quarantined (listed, counted, kept across a restart) while the good
 * records around them are indexed and the index stays ready.
 */
class AdminIndexIT {

    static final Topics TOPICS = new Topics("q.");
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static KafkaTestCluster kafka;
    static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
        try (Admin admin = kafka.admin()) {
            TestConfigs.createTopics(admin, TOPICS.dlq(), TOPICS.rejected(), TOPICS.replays(), TOPICS.attempts(), TOPICS.operational(),
                TOPICS.verified("stripe"));
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        kafka.close();
    }

    static void send(final String topic, final String key, final String value, final RecordHeaders headers) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
            value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers)).get();
    }

    static RecordHeaders rejection(final String rejectedAt) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(RawRecordCodec.INGRESS_ID, "ing-1".getBytes(StandardCharsets.UTF_8));
        headers.add(RawRecordCodec.SOURCE, "stripe".getBytes(StandardCharsets.UTF_8));
        headers.add(RejectionHeaders.REASON, "bad_signature".getBytes(StandardCharsets.UTF_8));
        headers.add(RejectionHeaders.REJECTED_AT, rejectedAt.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Test
    void poisonRecordsAreQuarantinedAndTheIndexGoesOn(@TempDir final Path dir) throws Exception {
        // Poison of every kind first, in each topic, then the good records after them.
        send(TOPICS.dlq(), "billing", "not json at all", new RecordHeaders());                           // offset 0
        send(TOPICS.dlq(), "billing", "{\"id\":\"dlq_half\"}", new RecordHeaders());                    // 1: no reason, no task
        send(TOPICS.dlq(), "billing", null, new RecordHeaders());                                       // 2: a tombstone
        send(TOPICS.dlq(), "billing", "[1,2,3]", new RecordHeaders());                                  // 3
        send(TOPICS.dlq(), "billing", Fixtures.dlqJson("dlq_good", "billing", "stripe", "evt_1", "rejected", T0), new RecordHeaders());
        send(TOPICS.rejected(), "stripe", "{}", rejection("yesterday"));                                // 0: bad rejected-at
        send(TOPICS.rejected(), null, "{}", rejection(Long.toString(T0.toEpochMilli())));                // 1: no source key
        send(TOPICS.rejected(), "stripe", "{}", rejection(Long.toString(T0.toEpochMilli())));            // 2: good
        final RecordHeaders malformed = rejection(Long.toString(T0.toEpochMilli()));
        malformed.remove(RejectionHeaders.REASON);
        malformed.add(RejectionHeaders.REASON, "malformed_record".getBytes(StandardCharsets.UTF_8));
        malformed.add(RawRecordCodec.RECEIVED_AT, "not-a-time".getBytes(StandardCharsets.UTF_8));
        send(TOPICS.rejected(), "unknown", "{}", malformed);                                            // 3: good, though its request was not
        send(TOPICS.replays(), "dlq:dlq_good", "{not json", new RecordHeaders());                       // 0
        send(TOPICS.replays(), "no-colon", "{\"state\":\"replayed\",\"count\":1}", new RecordHeaders()); // 1
        send(TOPICS.replays(), "other:dlq_good", "{\"state\":\"replayed\",\"count\":1}", new RecordHeaders()); // 2
        send(TOPICS.replays(), null, "{\"state\":\"replayed\",\"count\":1}", new RecordHeaders());      // 3
        send(TOPICS.replays(), "dlq:dlq_good", "{\"state\":\"replayed\",\"count\":0}", new RecordHeaders()); // 4
        send(TOPICS.replays(), "dlq:dlq_good", "{\"state\":\"replayed\",\"count\":2,\"lastAt\":\"2026-11-01T11:00:00Z\"}",
            new RecordHeaders());
        // A replay's claim and its tombstone are no state and no poison: passed over.
        send(TOPICS.replays(), "claim:dlq:dlq_good", "{\"claim\":\"c1\",\"force\":false,\"knownCount\":0}", new RecordHeaders());
        send(TOPICS.replays(), "claim:dlq:dlq_good", null, new RecordHeaders());
        send(TOPICS.attempts(), "billing", "not json", new RecordHeaders());                              // 0
        send(TOPICS.attempts(), "billing", null, new RecordHeaders());                                    // 1: a tombstone
        // Recent: the index forgets deliveries older than the attempts topic keeps.
        send(TOPICS.attempts(), "billing", new String(AttemptEntryJson.write(Fixtures.attempt("msg_good", "billing", "stripe", "evt_1", 1,
            Instant.now(), 200, 9)), StandardCharsets.UTF_8), new RecordHeaders());

        send(TOPICS.operational(), "billing", "{\"schemaVersion\":1,\"id\":\"op_1\",\"type\":\"subscription.breaker_opened\","
            + "\"subscription\":\"billing\",\"at\":\"2026-11-01T10:00:00Z\",\"detail\":\"20 failures in a row\"}", new RecordHeaders());

        final HookgateConfig config = TestConfigs.parse("""
            kafka: {bootstrapServers: "%s", topicPrefix: "q."}
            sources: {stripe: {provider: standard-webhooks}}
            """.formatted(kafka.bootstrapServers()));
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AdminIndex index = new AdminIndex(config, dir, Redaction.byName(), registry, Clock.systemUTC())) {
            index.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> index.notReadyReason() == null);

            assertThat(index.dlq().get("dlq_good")).get().satisfies(entry -> {
                assertThat(entry.subscription()).isEqualTo("billing");
                assertThat(entry.replay().count()).as("the good replay state after the bad ones").isEqualTo(2);
            });
            assertThat(index.rejected().get("rej_0_2")).get().extracting(AdminEntry::reason).isEqualTo("bad_signature");
            assertThat(index.deliveries().get("msg_good")).get().extracting(Delivery::outcome).isEqualTo(Delivery.DELIVERED);
            // What the dispatcher said of the breaker in events.operational.
            assertThat(index.deliveries().breaker("billing")).get().extracting(BreakerState::state).isEqualTo(BreakerState.OPEN);
            // A request the processor could not read is a rejected entry like any other, not a quarantined record.
            assertThat(index.rejected().get("rej_0_3")).get().satisfies(entry -> {
                assertThat(entry.reason()).isEqualTo("malformed_record");
                assertThat(entry.request().receivedAt()).isNull();
            });
            final List<QuarantinedRecord> quarantined = index.quarantine().list(100);
            assertThat(quarantined).extracting(q -> q.topic() + "@" + q.offset()).containsExactly(
                "q.admin.replays@0", "q.admin.replays@1", "q.admin.replays@2", "q.admin.replays@3", "q.admin.replays@4",
                "q.dispatch.attempts@0", "q.dispatch.attempts@1", "q.dispatch.dlq@0", "q.dispatch.dlq@1", "q.dispatch.dlq@2", "q.dispatch.dlq@3",
                "q.events.rejected@0", "q.events.rejected@1");
            assertThat(quarantined).allSatisfy(q -> {
                assertThat(q.partition()).isZero();
                assertThat(q.reason()).isNotBlank();
                assertThat(q.at()).isNotNull();
            });
            assertThat(quarantined.get(0).reason()).contains("not a replay state").doesNotContain("{not json");
            assertThat(quarantined.get(11).reason()).contains(RejectionHeaders.REJECTED_AT).doesNotContain("yesterday");
            assertThat(quarantined.get(9).reason()).contains("no value");
            assertThat(quarantined.get(5).reason()).contains("not an attempt entry").doesNotContain("not json");
            assertThat(registry.get(Quarantine.METRIC).tag("topic", "q.dispatch.dlq").counter().count()).isEqualTo(4);
            assertThat(registry.get(Quarantine.METRIC).tag("topic", "q.events.rejected").counter().count()).isEqualTo(2);
            assertThat(registry.get(Quarantine.METRIC).tag("topic", "q.admin.replays").counter().count()).isEqualTo(5);
            assertThat(registry.get(Quarantine.METRIC).tag("topic", "q.dispatch.attempts").counter().count()).isEqualTo(2);
            assertThat(index.quarantine().size()).isEqualTo(13);

            // Live: one more poison record, then a good one behind it.
            send(TOPICS.dlq(), "crm", "{\"schemaVersion\":1,\"id\":\"x\",\"reason\":\"no-such-reason\"}", new RecordHeaders());
            send(TOPICS.dlq(), "crm", Fixtures.dlqJson("dlq_later", "crm", "stripe", "evt_2", "gone", T0.plusSeconds(5)), new RecordHeaders());
            await().atMost(Duration.ofSeconds(30)).until(() -> index.dlq().get("dlq_later").isPresent());
            assertThat(index.quarantine().size()).isEqualTo(14);
            // A verified record without the headers that say who it is, then an envelope as the processor writes it.
            send(TOPICS.verified("stripe"), "stripe:evt_v", "{}", new RecordHeaders());
            // Recent: the index forgets events older than the verified topic keeps.
            final Instant received = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            producer.send(EventRecords.verified(TOPICS.verified("stripe"), EventRecords.event("stripe", "evt_v", "ing_v", received))).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> index.events().get("stripe", "evt_v").isPresent());
            assertThat(index.events().get("stripe", "evt_v")).contains(new VerifiedRef(TOPICS.verified("stripe"), 0, 1, received));
            assertThat(index.quarantine().list(100)).extracting(q -> q.topic() + "@" + q.offset()).contains("q.verified.stripe@0");
            assertThat(index.quarantine().size()).isEqualTo(15);
            assertThat(index.notReadyReason()).isNull();
        }

        // Durable: a restart lists the same quarantine, without counting or listing anything twice.
        final SimpleMeterRegistry again = new SimpleMeterRegistry();
        try (AdminIndex index = new AdminIndex(config, dir, Redaction.byName(), again, Clock.systemUTC())) {
            index.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> index.notReadyReason() == null);
            assertThat(index.quarantine().size()).isEqualTo(15);
            assertThat(index.events().get("stripe", "evt_v")).isPresent();
            assertThat(again.get(Quarantine.METRIC).tag("topic", "q.dispatch.dlq").counter().count()).isZero();
            assertThat(index.dlq().get("dlq_good")).isPresent();
        }
    }
}

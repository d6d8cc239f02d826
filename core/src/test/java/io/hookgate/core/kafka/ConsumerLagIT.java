package io.hookgate.core.kafka;

import io.hookgate.core.testing.KafkaTestCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Lag in records and seconds of a group, against a real broker, from committed offsets the test sets. */
class ConsumerLagIT {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static KafkaTestCluster kafka;
    static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
        admin = kafka.admin();
        admin.createTopics(List.of(new NewTopic("lag.tasks", 2, (short) 1), new NewTopic("lag.retry", 1, (short) 1),
            new NewTopic("lag.idle", 1, (short) 1))).all().get();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            // Partition 0: five records, written 100 s, 90 s, ... 60 s before NOW; partition 1: two, 30 s and 20 s before.
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("lag.tasks", 0, NOW.minusSeconds(100 - 10L * i).toEpochMilli(), null, new byte[1])).get();
            }
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>("lag.tasks", 1, NOW.minusSeconds(30 - 10L * i).toEpochMilli(), null, new byte[1])).get();
            }
            // A retry tier: written 50 s ago, due 10 s ago; then one written 40 s ago and due in 20 s.
            producer.send(retry(NOW.minusSeconds(50), NOW.minusSeconds(10))).get();
            producer.send(retry(NOW.minusSeconds(40), NOW.plusSeconds(20))).get();
        }
    }

    static ProducerRecord<byte[], byte[]> retry(final Instant written, final Instant due) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add("due-at", Long.toString(due.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>("lag.retry", 0, written.toEpochMilli(), null, new byte[1], headers);
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    ConsumerLag lag(final String group, final SimpleMeterRegistry registry) {
        return new ConsumerLag(admin, Map.of("bootstrap.servers", kafka.bootstrapServers()), "dispatcher", group, List.of("lag.tasks", "lag.retry", "lag.idle", "lag.not-yet-created"), "due-at",
            registry, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void recordsAndSecondsBehindTheCommittedOffsets() throws Exception {
        admin.alterConsumerGroupOffsets("group-a", Map.of(
            new TopicPartition("lag.tasks", 0), new OffsetAndMetadata(2),
            new TopicPartition("lag.tasks", 1), new OffsetAndMetadata(2),
            new TopicPartition("lag.retry", 0), new OffsetAndMetadata(0))).all().get();
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ConsumerLag lag = lag("group-a", registry)) {
            final Map<TopicPartition, ConsumerLag.PartitionLag> measured = lag.measure();
            // Three records behind on partition 0, the oldest written 80 s ago; partition 1 is caught up.
            assertThat(measured.get(new TopicPartition("lag.tasks", 0))).isEqualTo(new ConsumerLag.PartitionLag(3, 80.0));
            assertThat(measured.get(new TopicPartition("lag.tasks", 1))).isEqualTo(new ConsumerLag.PartitionLag(0, 0.0));
            // A retry is late from its due time, not from when it was written.
            assertThat(measured.get(new TopicPartition("lag.retry", 0))).isEqualTo(new ConsumerLag.PartitionLag(2, 10.0));
            assertThat(gauge(registry, "hookgate.consumer.lag.records", "group-a", "lag.tasks")).isEqualTo(3.0);
            assertThat(gauge(registry, "hookgate.consumer.lag.seconds", "group-a", "lag.tasks")).isCloseTo(80.0, within(0.001));
            assertThat(gauge(registry, "hookgate.consumer.lag.records", "group-a", "lag.retry")).isEqualTo(2.0);
            assertThat(gauge(registry, "hookgate.consumer.lag.seconds", "group-a", "lag.retry")).isCloseTo(10.0, within(0.001));
            assertThat(gauge(registry, "hookgate.consumer.lag.records", "group-a", "lag.idle")).isZero();
            assertThat(gauge(registry, "hookgate.consumer.lag.seconds", "group-a", "lag.idle")).isZero();
        }
    }

    @Test
    void aGroupThatCommittedNothingIsBehindByEverything() throws Exception {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ConsumerLag lag = lag("group-new", registry)) {
            lag.measure();
            assertThat(gauge(registry, "hookgate.consumer.lag.records", "group-new", "lag.tasks")).isEqualTo(7.0);
            assertThat(gauge(registry, "hookgate.consumer.lag.seconds", "group-new", "lag.tasks")).isCloseTo(100.0, within(0.001));
            // Not due yet: the first retry is.
            assertThat(gauge(registry, "hookgate.consumer.lag.seconds", "group-new", "lag.retry")).isCloseTo(10.0, within(0.001));
        }
    }

    @Test
    void theRetryTierHeadNotYetDueIsNotLate() throws Exception {
        admin.alterConsumerGroupOffsets("group-b", Map.of(new TopicPartition("lag.retry", 0), new OffsetAndMetadata(1))).all().get();
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ConsumerLag lag = lag("group-b", registry)) {
            assertThat(lag.measure().get(new TopicPartition("lag.retry", 0))).isEqualTo(new ConsumerLag.PartitionLag(1, 0.0));
        }
    }

    static double gauge(final SimpleMeterRegistry registry, final String name, final String group, final String topic) {
        return registry.get(name).tags("part", "dispatcher", "group", group, "topic", topic).gauge().value();
    }
}

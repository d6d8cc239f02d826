package io.hookgate.core.subscription;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.ConfigLoaderTest;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.SealedSecret;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.topics.Topic;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table follows the compacted topic on a real broker: loaded before start returns, changes in force after a sync. */
class SubscriptionTableIT {

    static KafkaTestCluster kafka;
    static final String KEY = SecretBox.newKey();

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    HookgateConfig config(final String prefix) {
        return new ConfigLoader(ConfigLoaderTest.PROVIDERS, name -> null).parse("""
            kafka: {bootstrapServers: "%s", topicPrefix: "%s"}
            admin: {secretsKey: "%s"}
            sources:
              shop: {provider: standard-webhooks, secrets: [%s]}
            """.formatted(kafka.bootstrapServers(), prefix, KEY, SubscriptionSnapshotTest.SECRET_A));
    }

    static SubscriptionRecord record(final String id, final String url, final State state) {
        final ObjectNode settings = SubscriptionSettings.empty();
        settings.put("url", url);
        settings.putArray("sources").add("shop");
        return new SubscriptionRecord(1, id, Origin.API, state, null, null, settings,
            List.of(new SealedSecret(new SecretBox(KEY).seal(SubscriptionSnapshotTest.SECRET_A, id), null)), null, null);
    }

    @Test
    void loadsTheTopicThenFollowsItsChanges() throws Exception {
        final HookgateConfig config = config("tbl.");
        final Topics topics = new Topics("tbl.");
        new TopicProvisioner(kafka.admin(), Duration.ofSeconds(30)).createMissing(topics.all(config));
        final Topic<String, SubscriptionRecord> topic = topics.subscriptionRecords();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(topic.record("early", record("early", "https://early.example.com/a", State.ENABLED))).get();
            producer.send(topic.record("gone", record("gone", "https://gone.example.com/a", State.ENABLED))).get();
            producer.send(new ProducerRecord<>(topic.name(), "gone".getBytes(StandardCharsets.UTF_8), null)).get();
            producer.send(new ProducerRecord<>(topic.name(), "junk".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8))).get();
            final SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (SubscriptionTable table = new SubscriptionTable(config, "test", registry, Clock.systemUTC(), Duration.ofSeconds(30))) {
                assertThat(table.notReadyReason()).startsWith("reading topic tbl.subscriptions");
                table.start();
                // Everything written before start is in force once it returns; the deleted and the unreadable are not.
                assertThat(table.notReadyReason()).isNull();
                assertThat(table.all()).extracting(LiveSubscription::id).containsExactly("early");
                assertThat(registry.get("hookgate.subscriptions.unreadable").counter().count()).isEqualTo(1.0);
                assertThat(table.unreadable("junk")).isTrue();
                assertThat(table.unreadable("gone")).isFalse();

                producer.send(topic.record("late", record("late", "https://late.example.com/a", State.ENABLED))).get();
                producer.send(topic.record("early", record("early", "https://early.example.com/b", State.DISABLED))).get();
                table.sync().get(10, TimeUnit.SECONDS);
                assertThat(table.find("early").orElseThrow().config().url()).hasToString("https://early.example.com/b");
                assertThat(table.deliveringFrom("shop")).extracting(s -> s.id()).containsExactly("late");
                assertThat(table.find("late").orElseThrow().config().secrets()).containsExactly(SubscriptionSnapshotTest.SECRET_A);
                assertThat(registry.get("hookgate.subscriptions").gauge().value()).isEqualTo(2.0);
            }
        }
    }

    @Test
    void aMissingTopicIsAStartFailureThatSaysSo() {
        final HookgateConfig config = config("none.");
        try (SubscriptionTable table = new SubscriptionTable(config, "test", new SimpleMeterRegistry(), Clock.systemUTC(), Duration.ofSeconds(3))) {
            assertThatThrownBy(table::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not read topic none.subscriptions within 3s").hasMessageContaining("does not exist");
        }
    }
}

package io.hookgate.app.run;

import io.hookgate.app.testing.ChildHookgate;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DeliveryTaskRecord;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.Json;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.core.testing.TopicReader;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.hookgate.providers.Providers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dispatcher killed with SIGKILL while tasks wait in a retry tier; after a restart every task is delivered. */
class DispatcherCrashIT {

    @Test
    void aKillMidRetryLosesNoTask(@TempDir final Path dir) throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start(); RecordingReceiver receiver = new RecordingReceiver()) {
            final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
            // Each delivery fails once (503) and succeeds afterwards.
            receiver.answer(request -> RecordingReceiver.Answer.status(failedOnce.add(request.header("webhook-id")) ? 503 : 204));
            final Path configFile = dir.resolve("dispatcher.yaml");
            Files.writeString(configFile, """
                kafka: {bootstrapServers: "%s", topicPrefix: "crash.", partitions: 3}
                admin: {host: 127.0.0.1, port: 0}
                sources:
                  s: {provider: standard-webhooks}
                subscriptions:
                  # Every first attempt fails: the breaker must not open and park them, this test is of the retry tier.
                  sub: {url: "%s", allowInsecureUrl: true, sources: [s], secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        breaker: {failures: 1000}}
                dispatch: {retryDelays: [4s]}
                """.formatted(kafka.bootstrapServers(), receiver.url("/hook")));
            final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).load(configFile);
            final Topics topics = new Topics("crash.");
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(topics.all(config));
            }
            final Set<String> sent = new HashSet<>();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 40; i++) {
                    final VerifiedEvent event = new VerifiedEvent(1, StableIds.eventId("s", "e" + i), "s", "standard-webhooks", null, "e" + i,
                        EventIdOrigin.PROVIDER, "t", Instant.now(), Instant.now(), "ing", List.of("body"), RawJson.trusted("{}".getBytes(StandardCharsets.UTF_8)));
                    final DeliveryTask task = DeliveryTask.first(event, "sub", Instant.now());
                    sent.add(task.deliveryId());
                    producer.send(DeliveryTaskRecord.record(topics.dispatch(), task));
                }
                producer.flush();
            }

            final ChildHookgate first = ChildHookgate.start(dir.resolve("first.log"), "dispatcher", "--config", configFile.toString());
            // Every task failed once and waits in the 4 s tier: kill before it is due.
            await().atMost(Duration.ofSeconds(60)).until(() -> failedOnce.size() == 40
                && TopicReader.readAll(kafka.bootstrapServers(), topics.retry(Duration.ofSeconds(4))).size() >= 40);
            first.kill();
            assertThat(receiver.received()).hasSize(40);

            final ChildHookgate second = ChildHookgate.start(dir.resolve("second.log"), "dispatcher", "--config", configFile.toString());
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> delivered(receiver, failedOnce).containsAll(sent));
            } finally {
                second.stop();
            }
            assertThat(delivered(receiver, failedOnce)).isEqualTo(sent);
            assertThat(TopicReader.readAll(kafka.bootstrapServers(), topics.dlq())).isEmpty();
        }
    }

    /** The webhook-ids that got a second request, which the receiver answered 204. */
    private static Set<String> delivered(final RecordingReceiver receiver, final Set<String> failedOnce) {
        final Set<String> seen = new HashSet<>();
        final Set<String> delivered = new HashSet<>();
        receiver.received().forEach(request -> {
            if (!seen.add(request.header("webhook-id"))) {
                delivered.add(request.header("webhook-id"));
            }
        });
        return delivered;
    }
}

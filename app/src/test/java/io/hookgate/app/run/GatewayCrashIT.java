package io.hookgate.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.testing.ChildHookgate;
import io.hookgate.core.json.Json;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.core.testing.TopicReader;
import io.hookgate.core.topics.Topics;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code hookgate dev} in a child JVM, killed with SIGKILL under load (broker, ingress, processor and
 * dispatcher all at once), then restarted on the same data. Providers retry what was not
 * acknowledged. Every acknowledged (source, eventId) must be verified exactly once, and delivered
 * at least once, always under the same webhook-id.
 */
class GatewayCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayCrashIT.class);
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void aKillOfTheWholeGatewayLosesAndDuplicatesNothing(@TempDir(cleanup = CleanupMode.ON_SUCCESS) final Path dir) throws Exception {
        final int kafkaPort = freePort();
        final int ingressPort = freePort();
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            final Path config = dir.resolve("crash.yaml");
            Files.writeString(config, """
                kafka: {bootstrapServers: "127.0.0.1:%d", topicPrefix: "crash.", partitions: 3}
                ingress: {host: 127.0.0.1, port: %d, kafkaTimeout: 5s}
                admin: {host: 127.0.0.1, port: 0}
                sources:
                  demo: {provider: standard-webhooks, secrets: ["%s"]}
                subscriptions:
                  sink: {url: "%s", allowInsecureUrl: true, sources: [demo], secret: "%3$s"}
                dispatch: {retryDelays: [1s, 2s, 5s]}
                dev: {dataDir: "%s", controllerPort: %d, receiverPort: 0}
                """.formatted(kafkaPort, ingressPort, SECRET, receiver.url("/sink"), dir.resolve("data"), freePort()));

            final Load load = new Load(ingressPort);
            final ChildHookgate first = ChildHookgate.start(dir.resolve("first.log"), "dev", "--config", config.toString());
            awaitReady(first);
            load.start();
            Thread.sleep(4000);
            first.kill();
            LOG.info("Killed the gateway after {} acknowledged", load.acknowledged.size());
            Thread.sleep(1000);

            final ChildHookgate second = ChildHookgate.start(dir.resolve("second.log"), "dev", "--config", config.toString());
            try {
                awaitReady(second);
                Thread.sleep(4000);
                load.stop();
                // Providers retry until acknowledged.
                load.retryUnacknowledged();

                final Set<String> acknowledged = load.acknowledged.keySet();
                final Topics topics = new Topics("crash.");
                await().atMost(Duration.ofSeconds(120)).until(() -> verifiedIds(kafkaPort, topics).keySet().containsAll(acknowledged));
                final Map<String, Long> verified = verifiedIds(kafkaPort, topics);
                await().atMost(Duration.ofSeconds(120)).until(() -> deliveries(receiver).keySet().containsAll(acknowledged));
                final Map<String, Set<String>> deliveries = deliveries(receiver);

                LOG.info("Crash test: sent {}, acknowledged {} distinct ids ({} requests), verified {} distinct, deliveries {}",
                    load.sent.get(), acknowledged.size(), load.acknowledgedRequests.get(), verified.size(), receiver.received().size());
                assertThat(verified).as("each acknowledged event verified exactly once")
                    .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
                assertThat(deliveries).as("one stable webhook-id per event")
                    .allSatisfy((id, webhookIds) -> assertThat(webhookIds).as(id).hasSize(1));
                assertThat(load.acknowledged.size()).isGreaterThan(50);
            } finally {
                load.stop();
                second.stop();
            }
        }
    }

    private static void awaitReady(final ChildHookgate child) throws Exception {
        // As long as dev itself waits for its processor before it gives up (DevCommand's READY_TIMEOUT).
        child.awaitOutput("hookgate dev is ready", Duration.ofSeconds(180));
        // The ready line, and any repair of a transaction the kill left hanging (DevBroker), for the record.
        child.output().lines().filter(line -> line.contains("hookgate dev is ready") || line.contains("left hanging")).forEach(LOG::info);
    }

    /** Event id to the number of records of it in verified.demo, read committed. */
    private static Map<String, Long> verifiedIds(final int kafkaPort, final Topics topics) {
        return TopicReader.readAll("127.0.0.1:" + kafkaPort, topics.verified("demo")).stream()
            .map(ConsumerRecord::value).map(value -> Json.read(value, JsonNode.class).get("eventId").asText())
            .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }

    /** Event id to the webhook-ids its deliveries carried. */
    private static Map<String, Set<String>> deliveries(final RecordingReceiver receiver) {
        final Map<String, Set<String>> byEvent = new HashMap<>();
        receiver.received().forEach(request -> byEvent.computeIfAbsent(Json.read(request.body(), JsonNode.class).get("eventId").asText(),
            id -> new java.util.HashSet<>()).add(request.header("webhook-id")));
        return byEvent;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Four providers sending distinct events, each sent twice (a provider's own retry), noting what was acknowledged. */
    private static final class Load {
        final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        final Set<String> attempted = ConcurrentHashMap.newKeySet();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger acknowledgedRequests = new AtomicInteger();
        final AtomicInteger next = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean(true);
        final ExecutorService threads = Executors.newFixedThreadPool(4);
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final int port;

        Load(final int port) {
            this.port = port;
        }

        void start() {
            for (int t = 0; t < 4; t++) {
                threads.submit(() -> {
                    while (running.get()) {
                        final String id = "msg_crash_" + next.incrementAndGet();
                        send(id);
                        send(id);
                    }
                });
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            threads.awaitTermination(30, TimeUnit.SECONDS);
        }

        void retryUnacknowledged() {
            for (String id : List.copyOf(attempted)) {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!acknowledged.containsKey(id) && System.nanoTime() < deadline) {
                    send(id);
                }
            }
        }

        void send(final String id) {
            attempted.add(id);
            final long now = Instant.now().getEpochSecond();
            final byte[] body = ("{\"type\":\"crash.test\",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
            sent.incrementAndGet();
            try {
                final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/demo"))
                    .timeout(Duration.ofSeconds(10))
                    .header("content-type", "application/json").header("webhook-id", id).header("webhook-timestamp", Long.toString(now))
                    .header("webhook-signature", StandardWebhooksSigner.header(List.of(SECRET), id, now, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    acknowledged.put(id, Boolean.TRUE);
                    acknowledgedRequests.incrementAndGet();
                }
            } catch (Exception e) {
                // The gateway is down: not acknowledged; the provider backs off and retries later.
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

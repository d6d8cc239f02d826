package io.hookgate.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.testing.ChildHookgate;
import io.hookgate.app.testing.ChildKafkaCluster;
import io.hookgate.core.json.Json;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.core.testing.TopicReader;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out and fail-over on a real cluster: three KRaft nodes (each its own JVM), topics at
 * replication 3 with min.insync.replicas 2, and two ingress, two processors and two dispatchers, each
 * its own {@code hookgate} JVM. Under a steady load spread over both ingress, one instance of each
 * part and then one Kafka node are killed with SIGKILL, one after the other. Every acknowledged event
 * must be verified exactly once (read committed) and delivered, its redeliveries under one
 * webhook-id. The end-to-end p99 over the whole run, kills included, and the pause after each kill
 * are measured and reported; {@code -Dcluster.p99LimitSeconds=10} also holds the p99 to the goal.
 *
 * <p>{@code -Dcluster.rate=} sets the events per second (20, what a shared 2-core machine sustains; the issue asks up to 1,000),
 * {@code -Dcluster.variant=} the hand-over settings ({@link FailoverVariant}). The figures are
 * printed and written to {@code target/cluster-failover-<variant>.txt}. The events of the first
 * {@code -Dcluster.warmUpSeconds=} (20) are checked but not timed: fresh JVMs are slow to start with.
 */
class ClusterFailoverIT {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFailoverIT.class);
    private static final String SOURCE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SINK_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final String PREFIX = "cluster.";
    private static final Duration BETWEEN_KILLS = Duration.ofSeconds(Long.getLong("cluster.betweenKills", 25));
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("cluster.warmUpSeconds", 20));
    /**
     * The p99 to hold, when asked ({@code -Dcluster.p99LimitSeconds=10}, the goal); by default the
     * figure is measured and reported, not asserted: speed is a benchmark's to judge, and a shared CI
     * machine's load would decide a timed assertion.
     */
    private static final Long P99_LIMIT_SECONDS = Long.getLong("cluster.p99LimitSeconds");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void killingOneInstanceOfEachPartAndOneBrokerLosesAndDuplicatesNothing() throws Exception {
        // Not a @TempDir: the logs of the nine processes stay for a look after a failure.
        final Path dir = Path.of("target", "cluster-failover").toAbsolutePath();
        deleteRecursively(dir);
        Files.createDirectories(dir);
        final FailoverVariant variant = FailoverVariant.fromSystemProperty(FailoverVariant.CLASSIC_FAST);
        final int rate = Integer.getInteger("cluster.rate", 20);
        final List<ChildHookgate> parts = new ArrayList<>();
        try (ChildKafkaCluster kafka = ChildKafkaCluster.start(dir.resolve("kafka"), 3, variant.brokerSettings());
             RecordingReceiver sink = new RecordingReceiver()) {
            try {
                awaitBrokers(kafka, 3);
                final Instances instances = new Instances(dir, kafka.bootstrapServers(), sink.url("/sink"), variant);
                final ChildHookgate topics = ChildHookgate.start(dir.resolve("topics.log"), "topics", "create", "--config",
                    instances.config("topics", 0).toString());
                assertThat(topics.waitFor()).as(topics.output()).isZero();
                for (String part : List.of("ingress", "processor", "dispatcher")) {
                    for (int i = 0; i < 2; i++) {
                        parts.add(ChildHookgate.start(dir.resolve(part + "-" + i + ".log"), part, "--config",
                            instances.config(part, i).toString()));
                    }
                }
                for (int i = 0; i < parts.size(); i++) {
                    awaitReady(parts.get(i), instances.adminPorts.get(i));
                }
                LOG.info("Cluster of 3 nodes and 6 parts ready; load {} events/s, variant {}", rate, variant.name());

                final FailoverLoad load = new FailoverLoad(instances.ingressPorts, "demo", SOURCE_SECRET);
                final List<FailoverReport.Kill> kills = new ArrayList<>();
                load.start(rate, "evt");
                // Fresh JVMs are slow for their first seconds: the events of the warm-up are checked, not timed.
                watch(load, sink, WARM_UP);
                final Instant measuredFrom = Instant.now();
                watch(load, sink);
                for (int part = 0; part < 3; part++) {
                    kills.add(new FailoverReport.Kill(List.of("ingress", "processor", "dispatcher").get(part) + "-0", Instant.now()));
                    parts.get(part * 2).kill();
                    watch(load, sink);
                }
                kills.add(new FailoverReport.Kill("kafka node 3", Instant.now()));
                kafka.kill(3);
                watch(load, sink);
                final Instant end = Instant.now();
                load.stop();

                final Map<String, FailoverLoad.Event> events = load.events();
                final Set<String> acknowledged = events.entrySet().stream().filter(event -> event.getValue().acknowledged != null)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> firstDeliveries(sink).keySet().containsAll(acknowledged));
                final Map<String, Set<String>> webhookIds = webhookIds(sink);
                final List<JsonNode> verifiedRecords = verifiedRecords(kafka.bootstrapServers());
                final Map<String, Long> verified = verifiedRecords.stream().map(envelope -> envelope.get("eventId").asText())
                    .collect(Collectors.groupingBy(id -> id, Collectors.counting()));

                final Map<String, Instant> due = new HashMap<>();
                acknowledged.stream().filter(id -> !events.get(id).due.isBefore(measuredFrom)).forEach(id -> due.put(id, events.get(id).due));
                final FailoverReport report = new FailoverReport(due, firstDeliveries(sink), kills, end);
                final String summary = String.format("variant %s, %d events/s: %d sent, %d acknowledged, %d attempts (%d not answered 200), "
                        + "%d verified, %d deliveries%n%s%s", variant.name(), rate, events.size(), acknowledged.size(), load.attempts(),
                    load.refused(), verified.size(), sink.received().size(), report.text(), stages(events, acknowledged, verifiedRecords));
                LOG.info("Cluster fail-over:\n{}", summary);
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target", "cluster-failover-" + variant.name() + ".txt"), summary);

                assertThat(acknowledged).as("events acknowledged").hasSizeGreaterThan(events.size() * 9 / 10);
                assertThat(verified.keySet()).as("every acknowledged event verified").containsAll(acknowledged);
                assertThat(verified).as("each (source, eventId) exactly once on the verified topic")
                    .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
                assertThat(webhookIds.keySet()).as("every acknowledged event delivered").containsAll(acknowledged);
                assertThat(webhookIds).as("redeliveries under one webhook-id")
                    .allSatisfy((id, ids) -> assertThat(ids).as(id).hasSize(1));
                if (P99_LIMIT_SECONDS != null) {
                    assertThat(report.percentile(0.99)).as("end-to-end p99 over the whole run")
                        .isLessThanOrEqualTo(Duration.ofSeconds(P99_LIMIT_SECONDS));
                }
            } finally {
                for (ChildHookgate part : parts) {
                    part.close();
                }
            }
        }
    }

    /** The ports and configuration files of every instance. */
    private static final class Instances {
        final List<Integer> ingressPorts = new ArrayList<>();
        final List<Integer> adminPorts = new ArrayList<>();
        private final Path dir;
        private final String bootstrap;
        private final String sinkUrl;
        private final FailoverVariant variant;

        Instances(final Path dir, final String bootstrap, final String sinkUrl, final FailoverVariant variant) throws Exception {
            this.dir = dir;
            this.bootstrap = bootstrap;
            this.sinkUrl = sinkUrl;
            this.variant = variant;
            for (int i = 0; i < 2; i++) {
                ingressPorts.add(freePort());
            }
            for (int i = 0; i < 6; i++) {
                adminPorts.add(freePort());
            }
        }

        /** The configuration of instance {@code i} of {@code part} (ingress, processor, dispatcher, or topics). */
        Path config(final String part, final int i) throws Exception {
            final int index = List.of("ingress", "processor", "dispatcher").indexOf(part) * 2 + i;
            final Path file = dir.resolve(part + "-" + i + ".yaml");
            Files.writeString(file, """
                kafka: {bootstrapServers: "%s", topicPrefix: "%s", partitions: 6, replicationFactor: 3, %s}
                ingress: {host: 127.0.0.1, port: %d, kafkaTimeout: 10s}
                admin: {host: 127.0.0.1, port: %d}
                processor: {stateDir: "%s", standbyReplicas: %d}
                sources:
                  demo: {provider: standard-webhooks, secrets: ["%s"]}
                subscriptions:
                  sink: {url: "%s", allowInsecureUrl: true, sources: [demo], secret: "%s"}
                dispatch: {retryDelays: [1s, 2s, 5s]}
                """.formatted(bootstrap, PREFIX, variant.kafkaYaml(), ingressPorts.get(i % 2), index < 0 ? 0 : adminPorts.get(index),
                dir.resolve("streams-" + part + "-" + i), variant.standbyReplicas(), SOURCE_SECRET, sinkUrl, SINK_SECRET));
            return file;
        }
    }

    /** Waits the time between kills, logging the progress every 5 s. */
    private static void watch(final FailoverLoad load, final RecordingReceiver sink) throws InterruptedException {
        watch(load, sink, BETWEEN_KILLS);
    }

    private static void watch(final FailoverLoad load, final RecordingReceiver sink, final Duration time) throws InterruptedException {
        final long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(5000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            final long acknowledged = load.events().values().stream().filter(event -> event.acknowledged != null).count();
            LOG.info("progress: {} sent, {} acknowledged, {} attempts not answered 200, {} deliveries", load.events().size(),
                acknowledged, load.refused(), sink.received().size());
        }
    }

    private static void awaitBrokers(final ChildKafkaCluster kafka, final int count) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == count);
        }
    }

    private static void awaitReady(final ChildHookgate part, final int adminPort) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            if (!part.isAlive()) {
                throw new AssertionError("a part exited:\n" + part.output());
            }
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/readyz")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    /** The envelopes on the verified topic, read committed. */
    private static List<JsonNode> verifiedRecords(final String bootstrap) {
        return TopicReader.readAll(bootstrap, new Topics(PREFIX).verified("demo")).stream()
            .map(ConsumerRecord::value).map(value -> Json.read(value, JsonNode.class)).toList();
    }

    /** Where the time went: due to acknowledged (the ingress, retries included), and received to verified (the processor). */
    private static String stages(final Map<String, FailoverLoad.Event> events, final Set<String> acknowledged,
                                 final List<JsonNode> verified) {
        final List<Duration> ingress = acknowledged.stream().map(id -> Duration.between(events.get(id).due, events.get(id).acknowledged))
            .sorted().toList();
        final List<Duration> processor = verified.stream().map(envelope -> Duration.between(
            Instant.parse(envelope.get("receivedAt").asText()), Instant.parse(envelope.get("verifiedAt").asText()))).sorted().toList();
        return String.format("  stages: due to acknowledged p50 %s p99 %s; received to verified p50 %s p99 %s%n",
            seconds(at(ingress, 0.5)), seconds(at(ingress, 0.99)), seconds(at(processor, 0.5)), seconds(at(processor, 0.99)));
    }

    private static Duration at(final List<Duration> sorted, final double share) {
        return sorted.isEmpty() ? Duration.ZERO : sorted.get(Math.min(sorted.size() - 1, (int) (share * sorted.size())));
    }

    private static String seconds(final Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static void deleteRecursively(final Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Event id to when it was first delivered. */
    private static Map<String, Instant> firstDeliveries(final RecordingReceiver sink) {
        final Map<String, Instant> first = new HashMap<>();
        sink.received().forEach(request -> first.merge(eventId(request), request.at(), (a, b) -> a.isBefore(b) ? a : b));
        return first;
    }

    /** Event id to the webhook-ids its deliveries carried. */
    private static Map<String, Set<String>> webhookIds(final RecordingReceiver sink) {
        final Map<String, Set<String>> byEvent = new HashMap<>();
        sink.received().forEach(request -> byEvent.computeIfAbsent(eventId(request), id -> new HashSet<>()).add(request.header("webhook-id")));
        return byEvent;
    }

    private static String eventId(final RecordingReceiver.Received request) {
        return Json.read(request.body(), JsonNode.class).get("eventId").asText();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

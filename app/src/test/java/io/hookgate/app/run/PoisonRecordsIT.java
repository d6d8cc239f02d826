package io.hookgate.app.run;

import io.hookgate.app.testing.ChildHookgate;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.json.Json;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.rejection.RejectionHeaders;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.TopicReader;
import io.hookgate.core.topics.Topics;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The requests that used to stop the processor for every source (and again after every restart),
 * sent through a real ingress to a real processor, each in a child JVM on a real broker. After each
 * one the processor is killed with SIGKILL and started again: it must resume, the poison rejected
 * (or verified) once with its reason, and a valid event after it verified.
 */
class PoisonRecordsIT {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Topics TOPICS = new Topics("poison.");

    static KafkaTestCluster kafka;
    static Path config;
    static Path dir;
    static int ingressPort;
    static ChildHookgate ingress;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicInteger IDS = new AtomicInteger();

    @BeforeAll
    static void start(@TempDir final Path tempDir) throws Exception {
        dir = tempDir;
        kafka = KafkaTestCluster.start();
        ingressPort = freePort();
        config = dir.resolve("poison.yaml");
        Files.writeString(config, """
            kafka: {bootstrapServers: "%s", topicPrefix: "poison.", partitions: 2}
            ingress: {host: 127.0.0.1, port: %d}
            admin: {host: 127.0.0.1, port: 0}
            processor: {stateDir: "%s"}
            sources:
              gh: {provider: github, secrets: ["gh-s3cret-value"]}
              std: {provider: standard-webhooks, secrets: ["%s"]}
            """.formatted(kafka.bootstrapServers(), ingressPort, dir.resolve("state"), SECRET));
        ingress = ChildHookgate.start(dir.resolve("ingress.log"), "ingress", "--config", config.toString());
        ingress.awaitOutput("Ingress listening", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (ingress != null) {
            ingress.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void noPoisonStopsTheProcessorAndEachSurvivesAKillAndRestart() throws Exception {
        ChildHookgate processor = ChildHookgate.start(dir.resolve("processor-0.log"), "processor", "--config", config.toString());
        try {
            assertResumes(processor);

            // (a) 1,048,000 bytes of JSON, unsigned, to a GitHub source: acknowledged, then rejected with its body.
            final byte[] unsigned = json(1_048_000);
            assertThat(post("gh", unsigned, "application/json", List.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "d-1")))
                .isEqualTo(200);
            final ConsumerRecord<String, byte[]> bigRejection = awaitRejection("gh", RejectReason.MISSING_SIGNATURE);
            assertThat(bigRejection.value()).isEqualTo(unsigned);
            processor = killAndRestart(processor, 1);

            // (b) a signed 2 KB body nested 998 levels deep: too deep to carry.
            final String deep = "[".repeat(998) + "]".repeat(998);
            assertThat(postSigned(deep)).isEqualTo(200);
            awaitRejection("std", RejectReason.PAYLOAD_TOO_DEEP);
            processor = killAndRestart(processor, 2);

            // (c) a signed 750 kB body of 1e9 numbers: published byte for byte, no 1.0E9 anywhere.
            final String numbers = "[" + "1e9,".repeat(187_500) + "12345678901234567.89]";
            assertThat(postSigned(numbers)).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> verified(numbers).isPresent());
            assertThat(verified(numbers).orElseThrow().payload().text()).isEqualTo(numbers);
            processor = killAndRestart(processor, 3);

            // Nothing was published or rejected twice across the kills.
            assertThat(rejections("gh", RejectReason.MISSING_SIGNATURE)).hasSize(1);
            assertThat(rejections("std", RejectReason.PAYLOAD_TOO_DEEP)).hasSize(1);
            assertThat(TopicReader.readAll(kafka.bootstrapServers(), TOPICS.verified("std")).stream()
                .filter(r -> r.value().length > 700_000)).hasSize(1);
        } finally {
            processor.close();
        }
    }

    private static ChildHookgate killAndRestart(final ChildHookgate processor, final int generation) throws Exception {
        processor.kill();
        final ChildHookgate next = ChildHookgate.start(dir.resolve("processor-" + generation + ".log"), "processor", "--config",
            config.toString());
        assertResumes(next);
        return next;
    }

    /** A valid event sent now is verified: the processor is processing. */
    private static void assertResumes(final ChildHookgate processor) throws Exception {
        final String body = "{\"type\":\"ok\",\"n\":" + IDS.incrementAndGet() + "}";
        assertThat(postSigned(body)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!processor.isAlive()) {
                throw new AssertionError("the processor exited:\n" + processor.output());
            }
            return verified(body).isPresent();
        });
        assertThat(processor.output()).doesNotContain("stopping the processor");
    }

    private static Optional<VerifiedEvent> verified(final String payload) {
        return TopicReader.readAll(kafka.bootstrapServers(), TOPICS.verified("std")).stream()
            .map(r -> Json.read(r.value(), VerifiedEvent.class)).filter(e -> e.payload().text().equals(payload)).findFirst();
    }

    private static ConsumerRecord<String, byte[]> awaitRejection(final String source, final RejectReason reason) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !rejections(source, reason).isEmpty());
        return rejections(source, reason).get(0);
    }

    private static List<ConsumerRecord<String, byte[]>> rejections(final String source, final RejectReason reason) {
        return TopicReader.readAll(kafka.bootstrapServers(), TOPICS.rejected()).stream()
            .filter(r -> source.equals(r.key()) && RejectionHeaders.reason(r.headers()).orElse(null) == reason).toList();
    }

    private static byte[] json(final int size) {
        final StringBuilder text = new StringBuilder("{\"pad\":\"");
        while (text.length() < size - 2) {
            text.append('x');
        }
        return text.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int postSigned(final String body) throws Exception {
        final String id = "msg_poison_" + IDS.incrementAndGet();
        final long now = Instant.now().getEpochSecond();
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post("std", bytes, "application/json", List.of("webhook-id", id, "webhook-timestamp", Long.toString(now),
            "webhook-signature", StandardWebhooksSigner.header(List.of(SECRET), id, now, bytes)));
    }

    private static int post(final String source, final byte[] body, final String contentType, final List<String> headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingressPort + "/webhooks/" + source))
            .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        final HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("the ingress answered " + response.statusCode() + ": " + response.body() + "\n" + ingress.output());
        }
        return response.statusCode();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}

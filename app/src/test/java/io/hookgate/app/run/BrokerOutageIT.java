package io.hookgate.app.run;

import io.hookgate.app.dev.DevBroker;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.testing.TopicReader;
import io.hookgate.core.topics.Topics;
import io.hookgate.providers.Providers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker stops under load and comes back: during the outage every answer is a 503 with
 * Retry-After, nothing is acknowledged that was not stored, and afterwards the ingress recovers
 * by itself. Uses dev mode's broker, which can be stopped and started again on its data.
 */
class BrokerOutageIT {

    private record Answer(long at, int status, String retryAfter, String ingressId) {
    }

    @Test
    void answersAre503DuringTheOutageAndEveryAcknowledgedRequestIsStored(@TempDir final Path dir) throws Exception {
        final int port = freePort();
        final int controllerPort = freePort();
        DevBroker broker = new DevBroker(dir.resolve("kafka"), port, controllerPort);
        broker.start();
        final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse("""
            kafka: {bootstrapServers: "127.0.0.1:%d", topicPrefix: "outage.", partitions: 2}
            ingress: {host: 127.0.0.1, port: 0, kafkaTimeout: 2s}
            admin: {host: 127.0.0.1, port: 0}
            sources:
              s: {provider: standard-webhooks}
            """.formatted(port));
        final Gateway gateway = new Gateway(config, EnumSet.of(Part.INGRESS), Clock.systemUTC());
        gateway.start();
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final ExecutorService load = Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                load.submit(() -> {
                    while (running.get()) {
                        try {
                            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + gateway.ingressPort() + "/webhooks/s"))
                                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                            answers.add(new Answer(System.nanoTime(), response.statusCode(),
                                response.headers().firstValue("Retry-After").orElse(null),
                                response.statusCode() == 200 ? Json.mapper().readTree(response.body()).get("ingressId").asText() : null));
                        } catch (Exception e) {
                            answers.add(new Answer(System.nanoTime(), -1, null, null));
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(3000);
            broker.close();
            final long down = System.nanoTime();
            Thread.sleep(8000);
            final long upAgain = System.nanoTime();
            broker = new DevBroker(dir.resolve("kafka"), port, controllerPort);
            broker.start();
            Thread.sleep(8000);
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            final List<Answer> all = new ArrayList<>(answers);
            assertThat(all).as("no request failed without an answer").noneMatch(a -> a.status() == -1);
            assertThat(all).as("answers are 200 or 503").allMatch(a -> a.status() == 200 || a.status() == 503);
            assertThat(all).filteredOn(a -> a.status() == 503).allMatch(a -> a.retryAfter() != null);
            // Requests answered well inside the outage (after the in-flight ones timed out) are all 503.
            final List<Answer> outage = all.stream()
                .filter(a -> a.at() > down + Duration.ofSeconds(3).toNanos() && a.at() < upAgain).toList();
            assertThat(outage).isNotEmpty().allMatch(a -> a.status() == 503);
            // The ingress recovered by itself: the last seconds are all 200.
            final List<Answer> tail = all.stream().filter(a -> a.at() > upAgain + Duration.ofSeconds(6).toNanos()).toList();
            assertThat(tail).isNotEmpty().allMatch(a -> a.status() == 200);
            // Every acknowledged request is stored.
            final Set<String> acknowledged = all.stream().filter(a -> a.status() == 200).map(Answer::ingressId).collect(Collectors.toSet());
            final Set<String> stored = TopicReader.readAll("127.0.0.1:" + port, new Topics("outage.").raw()).stream()
                .map(r -> RawRecordCodec.lastValue(r.headers(), RawRecordCodec.INGRESS_ID)).collect(Collectors.toSet());
            assertThat(stored).containsAll(acknowledged);
            assertThat(acknowledged.size()).isGreaterThan(20);
        } finally {
            running.set(false);
            load.shutdownNow();
            gateway.close();
            broker.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

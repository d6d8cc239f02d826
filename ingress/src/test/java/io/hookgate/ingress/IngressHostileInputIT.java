package io.hookgate.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.request.RawRequest;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.TopicReader;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.hookgate.providers.Providers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that try to stop the ingress, on a real broker: bodies announced and never sent,
 * trickled bodies, more body bytes than the memory budget, clients that vanish mid-body, and
 * IPv6 clients rotating addresses to escape the per-client rate limit.
 */
class IngressHostileInputIT {

    private static final Logger LOG = LoggerFactory.getLogger(IngressHostileInputIT.class);
    private static final Topics TOPICS = new Topics("hostile.");
    private static final String BUFFERED = "hookgate.ingress.buffered.bytes";

    static KafkaTestCluster kafka;

    /** One ingress and the registry its meters are in. */
    record Ingress(IngressServer server, MeterRegistry registry) implements AutoCloseable {

        double buffered() {
            return registry.get(BUFFERED).gauge().value();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(TOPICS.all(config("{}", "{provider: standard-webhooks}")));
        }
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    static HookgateConfig config(final String ingress, final String source) {
        return new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse("""
            kafka: {bootstrapServers: "%s", topicPrefix: "hostile.", partitions: 2}
            ingress: %s
            sources:
              open: %s
            """.formatted(kafka.bootstrapServers(), ingress, source));
    }

    static Ingress start(final String ingress, final String source) {
        final HookgateConfig config = config(ingress, source);
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final IngressServer server = new IngressServer(config, Providers.builtIn().bind(config), registry, Clock.systemUTC());
        server.start();
        return new Ingress(server, registry);
    }

    @Test
    void aThousandConnectionsAnnouncingAMebibyteAndSendingOneByteHoldOnlyWhatTheySent() throws Exception {
        final int connections = 1000;
        try (Ingress ingress = start("{host: \"127.0.0.1\", port: 0, bodyReadTimeout: 12s, maxBufferedMebibytes: 16}",
            "{provider: standard-webhooks, maxBodyBytes: 1048576}")) {
            final long heapBefore = usedHeapAfterGc();
            final List<Socket> sockets = new ArrayList<>();
            try {
                final long opening = System.nanoTime();
                for (int i = 0; i < connections; i++) {
                    final Socket socket = new Socket(InetAddress.getLoopbackAddress(), ingress.server().port());
                    socket.getOutputStream().write(head("open", "Content-Length: 1048576").concat("{")
                        .getBytes(StandardCharsets.ISO_8859_1));
                    sockets.add(socket);
                }
                LOG.info("Opened {} connections in {} ms", connections, Duration.ofNanos(System.nanoTime() - opening).toMillis());
                // Each holds the one byte it sent, not the mebibyte it announced (a gigabyte in all, this JVM's whole heap).
                await().atMost(Duration.ofSeconds(8)).until(() -> ingress.buffered() == connections);
                final long heapDuring = usedHeapAfterGc();
                LOG.info("Heap used: {} MiB before, {} MiB with {} connections each announcing 1 MiB; buffered {} bytes",
                    heapBefore >> 20, heapDuring >> 20, connections, (long) ingress.buffered());
                assertThat(heapDuring - heapBefore).as("heap growth").isLessThan(128L << 20);

                final HttpResponse<String> valid = post(ingress, "{\"valid\":true}");
                assertThat(valid.statusCode()).as(valid.body()).isEqualTo(200);

                // At the body deadline each one is answered 408 and closed, and the budget is whole again.
                for (Socket socket : sockets) {
                    final String answer = readUntilClosed(socket, Duration.ofSeconds(20));
                    assertThat(answer).startsWith("HTTP/1.1 408").contains("\"error\":\"body_timeout\"");
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> ingress.buffered() == 0);
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aTricklingSenderIsAnswered408AndCutOffAtTheBodyDeadline() throws Exception {
        try (Ingress ingress = start("{host: \"127.0.0.1\", port: 0, bodyReadTimeout: 2s, readTimeout: 30s}",
            "{provider: standard-webhooks}")) {
            final String marker = UUID.randomUUID().toString();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ingress.server().port())) {
                final OutputStream out = socket.getOutputStream();
                out.write((head("open", "Content-Length: 1000") + "{\"m\":\"" + marker + "\",\"pad\":\"").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                final long started = System.nanoTime();
                // One byte every 200 ms: every read comes well within the 30 s read timeout, so only the body deadline ends it.
                final CompletableFuture<Integer> trickle = CompletableFuture.supplyAsync(() -> {
                    int sent = 0;
                    try {
                        while (sent < 150) {
                            out.write('x');
                            out.flush();
                            sent++;
                            Thread.sleep(200);
                        }
                    } catch (IOException e) {
                        return sent;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return sent;
                });
                final String answer = readUntilClosed(socket, Duration.ofSeconds(15));
                final Duration took = Duration.ofNanos(System.nanoTime() - started);
                LOG.info("Trickler cut after {} ms", took.toMillis());
                assertThat(answer).startsWith("HTTP/1.1 408").contains("\"error\":\"body_timeout\"");
                assertThat(answer.toLowerCase(Locale.ROOT)).contains("connection: close");
                assertThat(took).isBetween(Duration.ofMillis(1800), Duration.ofSeconds(5));
                assertThat(trickle.get(30, TimeUnit.SECONDS)).as("bytes trickled before the server hung up").isLessThan(150);
            }
            assertThat(ingress.buffered()).isZero();
            assertThat(stored()).noneMatch(request -> request.bodyText().contains(marker));
            assertThat(post(ingress, "{}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTricklerAnsweredBeforeItsBodyCannotHoldTheConnectionWhileUndertowDrainsIt() throws Exception {
        try (Ingress ingress = start("{host: \"127.0.0.1\", port: 0, bodyReadTimeout: 2s, readTimeout: 30s}",
            "{provider: standard-webhooks}")) {
            for (String path : List.of("nope", "open")) {
                // An unknown source (404), and a declared length over the limit (413), answered before any body byte.
                // Under Undertow's own 2 MiB entity limit, past which it would close at once.
                final String length = path.equals("nope") ? "100000" : "1500000";
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ingress.server().port())) {
                    final OutputStream out = socket.getOutputStream();
                    out.write(head(path, "Content-Length: " + length).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    final long started = System.nanoTime();
                    final CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                        try {
                            for (int i = 0; i < 100; i++) {
                                out.write('x');
                                out.flush();
                                Thread.sleep(200);
                            }
                        } catch (IOException e) {
                            // The server hung up: what this test waits for.
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    final String answer = readUntilClosed(socket, Duration.ofSeconds(15));
                    final Duration took = Duration.ofNanos(System.nanoTime() - started);
                    assertThat(answer).startsWith(path.equals("nope") ? "HTTP/1.1 404" : "HTTP/1.1 413").contains("\"error\":\"");
                    // Undertow would drain for as long as the bytes trickle in; the body deadline (2 s) ends it.
                    assertThat(took).as(path).isLessThan(Duration.ofSeconds(6));
                    trickle.get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void whenTheBudgetIsSpentTheAnswerIs503IngressBusyWithRetryAfterAndTheBudgetComesBack() throws Exception {
        try (Ingress ingress = start("{host: \"127.0.0.1\", port: 0, bodyReadTimeout: 20s, maxBufferedMebibytes: 1}",
            "{provider: standard-webhooks, maxBodyBytes: 1048576}")) {
            // Short of 1 MiB: the record (body and headers) must stay under the producer's max.request.size.
            final int declared = 1000 * 1024;
            final String marker = UUID.randomUUID().toString();
            final byte[] body = ("{\"m\":\"" + marker + "\",\"pad\":\"" + "p".repeat(declared - marker.length() - 17) + "\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
            assertThat(body.length).isEqualTo(declared);
            try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), ingress.server().port())) {
                final OutputStream out = slow.getOutputStream();
                out.write(head("open", "Content-Length: " + declared, "Connection: close").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, 0, 700 * 1024);
                out.flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> ingress.buffered() >= 700 * 1024);

                final HttpResponse<String> refused = post(ingress, "{\"pad\":\"" + "q".repeat(400 * 1024) + "\"}");
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(errorCode(refused.body())).isEqualTo("ingress_busy");
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(ingress.buffered()).as("the refused body's bytes were given back").isLessThanOrEqualTo(declared);

                out.write(body, 700 * 1024, declared - 700 * 1024);
                out.flush();
                assertThat(readUntilClosed(slow, Duration.ofSeconds(15))).startsWith("HTTP/1.1 200");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> ingress.buffered() == 0);
            assertThat(stored()).anyMatch(request -> request.bodyText().contains(marker) && request.body().length == declared);
            assertThat(post(ingress, "{\"after\":true}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aClientThatGoesAwayMidBodyGivesItsBytesBackAtOnce() throws Exception {
        try (Ingress ingress = start("{host: \"127.0.0.1\", port: 0, bodyReadTimeout: 60s}", "{provider: standard-webhooks}")) {
            final Socket socket = new Socket(InetAddress.getLoopbackAddress(), ingress.server().port());
            final OutputStream out = socket.getOutputStream();
            out.write(head("open", "Content-Length: 1048576").getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[300 * 1024]);
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> ingress.buffered() >= 300 * 1024);
            socket.close();
            // Long before the 60 s body deadline.
            await().atMost(Duration.ofSeconds(5)).until(() -> ingress.buffered() == 0);
        }
    }

    @Test
    void oversizedBodiesAre413DeclaredOrChunkedAndHoldNothing() throws Exception {
        try (Ingress ingress = start("{host: \"127.0.0.1\", port: 0, bodyReadTimeout: 10s}", "{provider: standard-webhooks, maxBodyBytes: 1024}")) {
            final StringBuilder chunked = new StringBuilder(head("open", "Transfer-Encoding: chunked", "Connection: close"));
            for (int i = 0; i < 10; i++) {
                chunked.append("c8\r\n").append("y".repeat(200)).append("\r\n");
            }
            chunked.append("0\r\n\r\n");
            assertThat(exchange(ingress, chunked.toString())).startsWith("HTTP/1.1 413").contains("\"error\":\"payload_too_large\"");
            assertThat(exchange(ingress, head("open", "Content-Length: 5000", "Connection: close") + "z".repeat(5000)))
                .startsWith("HTTP/1.1 413").contains("\"error\":\"payload_too_large\"");
            assertThat(ingress.buffered()).isZero();
            assertThat(post(ingress, "{}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anIpv6ClientRotatingWithinItsSlash64StaysRateLimitedAndForwardedGarbageIsNeverResolved() throws Exception {
        try (Ingress ingress = start("{host: \"127.0.0.1\", port: 0, trustedProxies: [\"127.0.0.1/32\"], rateLimitPerClientIpPerSecond: 1}",
            "{provider: standard-webhooks}")) {
            final List<Integer> statuses = new ArrayList<>();
            String limited = null;
            for (String address : List.of("2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff:ffff:ffff:fffe", "2001:db8:1:2:abcd::9")) {
                final HttpResponse<String> response = post(ingress, "{}", "X-Forwarded-For", address);
                statuses.add(response.statusCode());
                if (response.statusCode() == 429) {
                    limited = response.body();
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                }
            }
            assertThat(statuses).as("one /64, one bucket of 1 per second").filteredOn(status -> status == 429).hasSizeGreaterThanOrEqualTo(2);
            assertThat(errorCode(limited)).isEqualTo("rate_limited");
            assertThat(post(ingress, "{}", "X-Forwarded-For", "2001:db8:1:3::1").statusCode()).as("another /64").isEqualTo(200);

            // Not an address: the client is the proxy itself, without any lookup of the text.
            final HttpResponse<String> garbage = post(ingress, "{\"garbage\":true}", "X-Forwarded-For", ".:ab");
            assertThat(garbage.statusCode()).isEqualTo(200);
            final String ingressId = Json.mapper().readTree(garbage.body()).get("ingressId").asText();
            assertThat(stored()).filteredOn(request -> request.ingressId().equals(ingressId)).extracting(RawRequest::clientAddress)
                .containsExactly("127.0.0.1");
        }
    }

    private static String head(final String source, final String... headers) {
        return "POST /webhooks/" + source + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + String.join("", java.util.Arrays.stream(headers).map(header -> header + "\r\n").toList()) + "\r\n";
    }

    /** Sends {@code request} on a fresh connection and reads until the server closes it. */
    private static String exchange(final Ingress ingress, final String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ingress.server().port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readUntilClosed(socket, Duration.ofSeconds(10));
        }
    }

    /** Everything the server sends until it closes the connection; a reset after its answer keeps what came. */
    private static String readUntilClosed(final Socket socket, final Duration within) throws IOException {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final long deadline = System.nanoTime() + within.toNanos();
        final InputStream in = socket.getInputStream();
        final byte[] buffer = new byte[8192];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
            try {
                final int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                received.write(buffer, 0, read);
            } catch (SocketTimeoutException e) {
                break;
            } catch (IOException e) {
                // A reset: the server closed while our bytes were still arriving.
                break;
            }
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private static HttpResponse<String> post(final Ingress ingress, final String body, final String... headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingress.server().port() + "/webhooks/open"))
            .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String errorCode(final String body) throws Exception {
        final JsonNode json = Json.mapper().readTree(body);
        assertThat(json.get("message").asText()).isNotBlank();
        return json.get("error").asText();
    }

    private static List<RawRequest> stored() {
        return TopicReader.readAll(kafka.bootstrapServers(), TOPICS.raw()).stream()
            .map(record -> RawRecordCodec.decode(record.headers(), record.value())).toList();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

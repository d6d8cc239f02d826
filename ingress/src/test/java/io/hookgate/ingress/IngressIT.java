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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ingress's edge on a real broker: every error code, limits, allow-lists, proxies, slow and idle clients. */
class IngressIT {

    static KafkaTestCluster kafka;
    static IngressServer ingress;
    /** A new client per request: the server closes idle connections after 2 s, which a pooled one would trip on. */
    static HttpClient http() {
        return HttpClient.newHttpClient();
    }
    static final Topics TOPICS = new Topics("edge.");

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
        ingress = start(kafka.bootstrapServers(), "10s");
    }

    static IngressServer start(final String bootstrap, final String kafkaTimeout) {
        final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse("""
            kafka: {bootstrapServers: "%s", topicPrefix: "edge.", partitions: 2}
            ingress: {host: "::", port: 0, kafkaTimeout: %s, trustedProxies: ["127.0.0.1/32"], readTimeout: 2s, maxHeaderBytes: 8192}
            sources:
              open: {provider: standard-webhooks, maxBodyBytes: 1024}
              only-v4: {provider: standard-webhooks, allowedIps: ["203.0.113.0/24"]}
              only-v6: {provider: standard-webhooks, allowedIps: ["::1/128"]}
              limited: {provider: standard-webhooks, rateLimitPerSecond: 2}
            """.formatted(bootstrap, kafkaTimeout));
        if (bootstrap.equals(kafka.bootstrapServers())) {
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(TOPICS.all(config));
            }
        }
        final IngressServer server = new IngressServer(config, Providers.builtIn().bind(config), new SimpleMeterRegistry(), Clock.systemUTC());
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        if (ingress != null) {
            ingress.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    static HttpResponse<String> post(final IngressServer server, final String host, final String source, final String body,
                                     final String... headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + server.port() + "/webhooks/" + source))
            .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String errorCode(final String body) throws Exception {
        final JsonNode json = Json.mapper().readTree(body);
        assertThat(json.get("message").asText()).isNotBlank();
        return json.get("error").asText();
    }

    /** Sends raw bytes and reads the whole answer (the connection is closed after). */
    static String raw(final byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ingress.port())) {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            final InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static List<RawRequest> stored() {
        final List<RawRequest> requests = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(kafka.bootstrapServers(), TOPICS.raw())) {
            requests.add(RawRecordCodec.decode(record.headers(), record.value()));
        }
        return requests;
    }

    @Test
    void acknowledgesOnlyWhatKafkaStored() throws Exception {
        final String marker = UUID.randomUUID().toString();
        final HttpResponse<String> response = post(ingress, "127.0.0.1", "open", "{\"m\":\"" + marker + "\"}", "X-Test", "yes");
        assertThat(response.statusCode()).isEqualTo(200);
        final String ingressId = Json.mapper().readTree(response.body()).get("ingressId").asText();
        final RawRequest stored = stored().stream().filter(r -> r.ingressId().equals(ingressId)).findFirst().orElseThrow();
        assertThat(stored.bodyText()).contains(marker);
        assertThat(stored.header("x-test")).contains("yes");
        assertThat(stored.clientAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void everyErrorIsJsonWithAStableCode() throws Exception {
        final HttpResponse<String> unknown = post(ingress, "127.0.0.1", "nope", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorCode(unknown.body())).isEqualTo("unknown_source");

        final HttpResponse<String> put = http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingress.port() + "/webhooks/open"))
            .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("POST");
        assertThat(errorCode(put.body())).isEqualTo("method_not_allowed");

        final HttpResponse<String> big = post(ingress, "127.0.0.1", "open", "x".repeat(1025));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(errorCode(big.body())).isEqualTo("payload_too_large");

        final HttpResponse<String> other = http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingress.port() + "/elsewhere"))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(errorCode(other.body())).isEqualTo("not_found");
    }

    @Test
    void anOversizedChunkedBodyIsRefusedWhileReading() throws Exception {
        final StringBuilder request = new StringBuilder("POST /webhooks/open HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
            + "Content-Type: application/json\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 10; i++) {
            request.append("c8\r\n").append("y".repeat(200)).append("\r\n");
        }
        request.append("0\r\n\r\n");
        final String answer = raw(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertThat(answer).startsWith("HTTP/1.1 413").contains("\"error\":\"payload_too_large\"");
        assertThat(stored()).noneMatch(r -> r.bodyText().contains("yyyy"));
    }

    @Test
    void aBodyThatStopsHalfWayIsNotStored() throws Exception {
        final String marker = UUID.randomUUID().toString();
        raw(("POST /webhooks/open HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\nContent-Type: application/json\r\n\r\n{\"m\":\""
            + marker).getBytes(StandardCharsets.ISO_8859_1));
        Thread.sleep(500);
        assertThat(stored()).noneMatch(r -> r.bodyText().contains(marker));
        assertThat(post(ingress, "127.0.0.1", "open", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void clientAddressesAreCheckedForIpv4AndIpv6AndForwardedOnlyFromTrustedProxies() throws Exception {
        final HttpResponse<String> refused = post(ingress, "127.0.0.1", "only-v4", "{}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(errorCode(refused.body())).isEqualTo("ip_not_allowed");
        // 127.0.0.1 is a trusted proxy: its X-Forwarded-For names the client.
        final HttpResponse<String> forwarded = post(ingress, "127.0.0.1", "only-v4", "{\"fwd\":1}", "X-Forwarded-For", "198.51.100.1, 203.0.113.7");
        assertThat(forwarded.statusCode()).isEqualTo(200);
        final String ingressId = Json.mapper().readTree(forwarded.body()).get("ingressId").asText();
        assertThat(stored()).filteredOn(r -> r.ingressId().equals(ingressId)).extracting(RawRequest::clientAddress).containsExactly("203.0.113.7");
        // ::1 is not a trusted proxy: its X-Forwarded-For is ignored.
        assertThat(post(ingress, "[::1]", "only-v4", "{}", "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(403);
        assertThat(post(ingress, "[::1]", "only-v6", "{}").statusCode()).isEqualTo(200);
        assertThat(post(ingress, "127.0.0.1", "only-v6", "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void overTheSourcesRateTheAnswerIs429WithRetryAfter() throws Exception {
        final List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            responses.add(post(ingress, "127.0.0.1", "limited", "{}"));
        }
        final HttpResponse<String> limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(errorCode(limited.body())).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 2);
        assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void idleAndSlowConnectionsDoNotStopOthers() throws Exception {
        final List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                final Socket socket = new Socket(InetAddress.getLoopbackAddress(), ingress.port());
                if (i % 2 == 0) {
                    // Half send an unfinished request head, the others nothing at all.
                    socket.getOutputStream().write("POST /webhooks/open HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                idle.add(socket);
            }
            final long start = System.nanoTime();
            assertThat(post(ingress, "127.0.0.1", "open", "{}").statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            // The read timeout (2 s) closes the idle connections.
            await().atMost(Duration.ofSeconds(10)).until(() -> idle.stream().allMatch(IngressIT::closedByServer));
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    private static boolean closedByServer(final Socket socket) {
        try {
            socket.setSoTimeout(100);
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void badInputIsAnsweredClearlyNeverWithA500() throws Exception {
        final List<byte[]> corpus = List.of(
            "POST /webhooks/open HTTP/1.1\r\nHost: x\r\nBroken header line\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.ISO_8859_1),
            ("POST /webhooks/open HTTP/1.1\r\nHost: x\r\nX-Huge: " + "h".repeat(20_000) + "\r\nContent-Length: 2\r\n\r\n{}")
                .getBytes(StandardCharsets.ISO_8859_1),
            "POST /webhooks/open HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
            concat("POST /webhooks/open HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nConnection: close\r\n\r\n",
                new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, 0}),
            "POST /webhooks/open HTTP/1.1\r\nHost: x\r\nContent-Type: \u00ff\u00fe/\u0001\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                .getBytes(StandardCharsets.ISO_8859_1),
            "POST /webhooks/open HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
            "GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] request : corpus) {
            final String answer = raw(request);
            assertThat(answer).as(new String(request, 0, Math.min(60, request.length), StandardCharsets.ISO_8859_1))
                .doesNotStartWith("HTTP/1.1 5");
        }
        assertThat(post(ingress, "127.0.0.1", "open", "{}").statusCode()).isEqualTo(200);
    }

    private static byte[] concat(final String head, final byte[] body) {
        final byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        final byte[] all = java.util.Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    @Test
    void shutdownAnswersTheRequestsInFlightBeforeClosingTheProducer() throws Exception {
        final IngressServer stopping = start(kafka.bootstrapServers(), "10s");
        final String marker = UUID.randomUUID().toString();
        final String body = "{\"m\":\"" + marker + "\"}";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), stopping.port())) {
            socket.setSoTimeout(15_000);
            final OutputStream out = socket.getOutputStream();
            out.write(("POST /webhooks/open HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body.substring(0, 5)).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(300);
            final Thread closing = new Thread(stopping::close);
            closing.start();
            Thread.sleep(300);
            assertThat(closing.isAlive()).as("close waits for the request in flight").isTrue();
            out.write(body.substring(5).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            final byte[] answer = new byte[512];
            final int read = socket.getInputStream().read(answer);
            assertThat(new String(answer, 0, read, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
            closing.join(15_000);
            assertThat(closing.isAlive()).isFalse();
        }
        assertThat(stored()).anyMatch(r -> r.bodyText().contains(marker));
    }

    @Test
    void withKafkaUnreachableTheAnswerIs503WithRetryAfterPromptly() throws Exception {
        final IngressServer orphan = start("127.0.0.1:1", "1s");
        try {
            final long start = System.nanoTime();
            final HttpResponse<String> response = post(orphan, "127.0.0.1", "open", "{}");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(errorCode(response.body())).isEqualTo("kafka_unavailable");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            orphan.close();
        }
    }
}

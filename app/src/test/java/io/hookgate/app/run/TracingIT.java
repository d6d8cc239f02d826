package io.hookgate.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.testing.ChildHookgate;
import io.hookgate.app.testing.Gateways;
import io.hookgate.core.json.Json;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace per webhook, across Kafka: ingress, processor and dispatcher as three child JVMs (and
 * all three in one, as in dev mode), each writing its spans as JSON lines to its own file
 * ({@code tracing.exporter: json-file}). The provider's traceparent is continued; the trace runs
 * ingress → verify → deduplicate → each delivery attempt (a retry included, under the same
 * parent); the subscriber receives the traceparent of the attempt that called it.
 */
class TracingIT {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String PROVIDER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final String PROVIDER_SPAN = "b7ad6b7169203331";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static KafkaTestCluster kafka;
    static RecordingReceiver receiver;
    /** Each delivery fails once (503), then succeeds. */
    static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

    record SpanLine(String traceId, String spanId, String parentSpanId, String name, JsonNode attributes, JsonNode resource) {
        String attribute(final String key) {
            return attributes.path(key).asText(null);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
        receiver = new RecordingReceiver();
        receiver.answer(request -> RecordingReceiver.Answer.status(FAILED_ONCE.add(request.header("webhook-id")) ? 503 : 204));
    }

    @AfterAll
    static void stop() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** {@code prefix} is the topic prefix ({@code tag.}); the subscriber listens at {@code /tag}. */
    static String config(final String prefix, final int ingressPort, final Path dir, final String spansFile) {
        return config(prefix, ingressPort, dir, spansFile, "");
    }

    static String config(final String prefix, final int ingressPort, final Path dir, final String spansFile, final String more) {
        return """
            kafka: {bootstrapServers: "%s", topicPrefix: "%s", partitions: 2}
            ingress: {host: 127.0.0.1, port: %d}
            admin: {host: 127.0.0.1, port: 0}
            processor: {stateDir: "%s"}
            sources:
              std: {provider: standard-webhooks, secrets: ["%s"]}
            subscriptions:
              sub: {url: "%s", allowInsecureUrl: true, sources: [std], secret: "%5$s"}
            dispatch: {retryDelays: [1s]}
            tracing: {enabled: true, exporter: json-file, file: "%s", serviceName: hookgate-it}
            %s
            """.formatted(kafka.bootstrapServers(), prefix, ingressPort, dir.resolve("state"), SECRET,
            receiver.url("/" + prefix.substring(0, prefix.length() - 1)),
            spansFile, more);
    }

    @Test
    void oneTraceSpansTheIngressProcessorAndDispatcherInSeparateProcesses(@TempDir final Path dir) throws Exception {
        final int port = freePort();
        final Path config = dir.resolve("hookgate.yaml");
        // One configuration for the three parts; each writes its spans to its own file, and logs JSON lines.
        Files.writeString(config, config("sep.", port, dir, "${SPANS_FILE}", "logging: {format: json}"));
        final List<ChildHookgate> children = new ArrayList<>();
        try {
            for (String part : List.of("processor", "dispatcher", "ingress")) {
                children.add(ChildHookgate.start(dir.resolve(part + ".log"), Map.of("SPANS_FILE", dir.resolve(part + ".jsonl").toString()),
                    part, "--config", config.toString()));
            }
            final ChildHookgate ingress = children.get(2);
            ingress.awaitOutput("Ingress listening", Duration.ofSeconds(90));
            final String webhookId = post(port, "sep");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> delivered(webhookId, "/sep"));

            final List<SpanLine> ingressSpans = awaitSpans(dir.resolve("ingress.jsonl"), 1);
            final List<SpanLine> processorSpans = awaitSpans(dir.resolve("processor.jsonl"), 2);
            final List<SpanLine> dispatcherSpans = awaitSpans(dir.resolve("dispatcher.jsonl"), 2);
            assertOneTrace(ingressSpans, processorSpans, dispatcherSpans, "/sep");
            assertThat(ingressSpans.get(0).resource().path("hookgate.part").asText()).isEqualTo("ingress");
            assertThat(processorSpans.get(0).resource().path("hookgate.part").asText()).isEqualTo("processor");
            assertThat(dispatcherSpans.get(0).resource().path("hookgate.part").asText()).isEqualTo("dispatcher");
            assertThat(dispatcherSpans.get(0).resource().path("service.name").asText()).isEqualTo("hookgate-it");

            // The dispatcher's log line of the retry names the webhook's ids and its trace, as JSON fields.
            final JsonNode retrying = jsonLines(children.get(1)).stream()
                .filter(line -> line.path("message").asText().startsWith("Retrying")).findFirst()
                .orElseThrow(() -> new AssertionError("no Retrying line in\n" + output(children.get(1))));
            assertThat(retrying.path("level").asText()).isEqualTo("INFO");
            assertThat(retrying.path("source").asText()).isEqualTo("std");
            assertThat(retrying.path("eventId").asText()).isEqualTo(webhookId);
            assertThat(retrying.path("ingressId").asText()).isEqualTo(ingressSpans.get(0).attribute("hookgate.ingress_id"));
            assertThat(retrying.path("subscription").asText()).isEqualTo("sub");
            assertThat(retrying.path("traceId").asText()).isEqualTo(PROVIDER_TRACE);
            // Every line the three processes logged is one JSON object (what they print for people is not a log line).
            for (ChildHookgate child : children) {
                assertThat(jsonLines(child)).isNotEmpty();
            }
        } finally {
            for (ChildHookgate child : children) {
                child.stop();
            }
        }
    }

    @Test
    void oneTraceSpansThePartsOfOneProcess(@TempDir final Path dir) throws Exception {
        final Path spans = dir.resolve("spans.jsonl");
        final Gateway gateway = Gateways.running(Gateways.config(config("one.", 0, dir, spans.toString())));
        try {
            final String webhookId = post(gateway.ingressPort(), "one");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> delivered(webhookId, "/one"));
            final List<SpanLine> all = awaitSpans(spans, 5);
            assertOneTrace(named(all, "POST /webhooks/{source}"), all.stream().filter(s -> Set.of("verify", "deduplicate").contains(s.name()))
                .toList(), named(all, "POST sub"), "/one");
            assertThat(all.get(0).resource().path("hookgate.part").asText()).isEqualTo("dispatcher,ingress,processor");
        } finally {
            gateway.close();
        }
    }

    /** Ingress → verify → deduplicate → two attempts (503, then 204) under deduplicate, all in the provider's trace. */
    static void assertOneTrace(final List<SpanLine> ingressSpans, final List<SpanLine> processorSpans, final List<SpanLine> attempts,
                               final String path) {
        assertThat(ingressSpans).hasSize(1);
        final SpanLine ingress = ingressSpans.get(0);
        final SpanLine verify = named(processorSpans, "verify").get(0);
        final SpanLine dedup = named(processorSpans, "deduplicate").get(0);
        assertThat(attempts).hasSize(2);
        final List<SpanLine> byAttempt = attempts.stream().sorted(Comparator.comparing(s -> s.attribute("hookgate.attempt"))).toList();

        System.out.println("Trace " + ingress.traceId() + " as the test saw it:\n"
            + describe(ingress) + describe(verify) + describe(dedup) + describe(byAttempt.get(0)) + describe(byAttempt.get(1)));

        assertThat(List.of(ingress, verify, dedup, byAttempt.get(0), byAttempt.get(1))).extracting(SpanLine::traceId)
            .containsOnly(PROVIDER_TRACE);
        assertThat(ingress.name()).isEqualTo("POST /webhooks/{source}");
        assertThat(ingress.parentSpanId()).isEqualTo(PROVIDER_SPAN);
        assertThat(ingress.attribute("http.response.status_code")).isEqualTo("200");
        assertThat(verify.parentSpanId()).isEqualTo(ingress.spanId());
        assertThat(verify.attribute("hookgate.outcome")).isEqualTo("verified");
        assertThat(verify.attribute("hookgate.ingress_id")).isEqualTo(ingress.attribute("hookgate.ingress_id"));
        assertThat(dedup.parentSpanId()).isEqualTo(verify.spanId());
        assertThat(byAttempt).allSatisfy(attempt -> {
            assertThat(attempt.parentSpanId()).isEqualTo(dedup.spanId());
            assertThat(attempt.attribute("hookgate.subscription")).isEqualTo("sub");
        });
        assertThat(byAttempt.get(0).attribute("hookgate.attempt")).isEqualTo("1");
        assertThat(byAttempt.get(0).attribute("http.response.status_code")).isEqualTo("503");
        assertThat(byAttempt.get(0).attribute("hookgate.outcome")).isEqualTo("retry");
        assertThat(byAttempt.get(1).attribute("hookgate.attempt")).isEqualTo("2");
        assertThat(byAttempt.get(1).attribute("http.response.status_code")).isEqualTo("204");
        assertThat(byAttempt.get(1).attribute("hookgate.outcome")).isEqualTo("delivered");
        // The subscriber was called with the traceparent of the very attempt that called it.
        final List<RecordingReceiver.Received> calls = receiver.receivedAt(path);
        assertThat(calls).extracting(call -> call.header("traceparent")).containsExactly(
            "00-" + PROVIDER_TRACE + "-" + byAttempt.get(0).spanId() + "-01",
            "00-" + PROVIDER_TRACE + "-" + byAttempt.get(1).spanId() + "-01");
    }

    private static String describe(final SpanLine span) {
        return "  " + span.name() + " span=" + span.spanId() + " parent=" + span.parentSpanId()
            + (span.attribute("hookgate.attempt") == null ? "" : " attempt=" + span.attribute("hookgate.attempt")
                + " status=" + span.attribute("http.response.status_code")) + "\n";
    }

    /** Each log line of {@code child} as JSON; fails on a line that starts like a log line but is not JSON. */
    static List<JsonNode> jsonLines(final ChildHookgate child) throws IOException {
        final List<JsonNode> lines = new ArrayList<>();
        for (String line : output(child).lines().toList()) {
            if (line.startsWith("{")) {
                lines.add(Json.mapper().readTree(line));
            } else {
                assertThat(line).as("a plain log line in JSON mode").doesNotContainPattern("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ");
            }
        }
        return lines;
    }

    static String output(final ChildHookgate child) {
        try {
            return child.output();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<SpanLine> named(final List<SpanLine> spans, final String name) {
        return spans.stream().filter(span -> span.name().equals(name)).toList();
    }

    /** A signed webhook that carries the provider's own traceparent; its webhook-id. */
    static String post(final int port, final String tag) throws Exception {
        final String id = "msg_trace_" + tag;
        final long now = Instant.now().getEpochSecond();
        final byte[] body = ("{\"type\":\"order.paid\",\"tag\":\"" + tag + "\"}").getBytes(StandardCharsets.UTF_8);
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/std"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("traceparent", "00-" + PROVIDER_TRACE + "-" + PROVIDER_SPAN + "-01")
            .header("webhook-id", id).header("webhook-timestamp", Long.toString(now))
            .header("webhook-signature", StandardWebhooksSigner.header(List.of(SECRET), id, now, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return id;
    }

    static boolean delivered(final String webhookId, final String path) {
        return receiver.receivedAt(path).stream().filter(call -> call.body().length > 0).count() >= 2;
    }

    static List<SpanLine> awaitSpans(final Path file, final int atLeast) {
        await().atMost(Duration.ofSeconds(30)).until(() -> spans(file).size() >= atLeast);
        return spans(file);
    }

    static List<SpanLine> spans(final Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            final List<SpanLine> spans = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                final JsonNode node = Json.mapper().readTree(line);
                spans.add(new SpanLine(node.get("traceId").asText(), node.get("spanId").asText(), node.get("parentSpanId").asText(null),
                    node.get("name").asText(), node.get("attributes"), node.get("resource")));
            }
            return spans;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package io.hookgate.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.hookgate.app.testing.CapturedLogs;
import io.hookgate.app.testing.Gateways;
import io.hookgate.core.json.Json;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard and the Prometheus alert rules under {@code deploy/} use only metrics that
 * a running gateway (every part, a real broker) serves on {@code /metrics}, with the labels their
 * selectors name; and each alert is complete (expression, severity, summary).
 */
class DeployAssetsIT {

    static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "hookgate-dashboard.json");
    static final Path RULES = Path.of("..", "deploy", "prometheus", "hookgate-alerts.yml");
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String TOKEN = "deploy-assets-token-0123456789";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A metric name as the assets write them: hookgate's own, and what Kafka clients and the JVM export. */
    static final Pattern METRIC = Pattern.compile("\\b((?:hookgate|kafka|jvm|process)_[a-z0-9_]+)\\b(\\{[^}]*})?");
    static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsServed(@TempDir final Path dir) throws Exception {
        final Map<String, String> expressions = expressions();
        assertThat(expressions).hasSizeGreaterThan(20);

        final Map<String, Set<String>> served = new HashMap<>();
        final Set<String> withoutSecret = new HashSet<>();
        final String logged;
        try (KafkaTestCluster kafka = KafkaTestCluster.start(); RecordingReceiver receiver = new RecordingReceiver();
             CapturedLogs logs = new CapturedLogs()) {
            final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
            receiver.answer(request -> RecordingReceiver.Answer.status(switch (request.path()) {
                case "/broken" -> 400;
                case "/flaky" -> failedOnce.add(request.header("webhook-id")) ? 503 : 204;
                default -> 204;
            }));
            final Gateway gateway = Gateways.running(Gateways.config("""
                kafka: {bootstrapServers: "%s", topicPrefix: "deploy.", partitions: 2}
                ingress: {host: 127.0.0.1, port: 0}
                admin: {host: 127.0.0.1, port: 0, token: "%s", stateDir: "%s"}
                processor: {stateDir: "%s"}
                sources:
                  std: {provider: standard-webhooks, secrets: ["%s"]}
                  nosecret: {provider: standard-webhooks}
                subscriptions:
                  ok: {url: "%s", allowInsecureUrl: true, sources: [std], secret: "%5$s"}
                  flaky: {url: "%s", allowInsecureUrl: true, sources: [std], secret: "%5$s"}
                  broken: {url: "%s", allowInsecureUrl: true, sources: [std], secret: "%5$s"}
                dispatch: {retryDelays: [1s]}
                """.formatted(kafka.bootstrapServers(), TOKEN, dir.resolve("admin"), dir.resolve("state"), SECRET, receiver.url("/ok"),
                receiver.url("/flaky"), receiver.url("/broken"))));
            try {
                // Traffic that makes every lazily created series appear: a delivery, a retry, a DLQ entry, a duplicate,
                // a forgery, refusals at the ingress and at the admin API.
                final int port = gateway.ingressPort();
                assertThat(post(port, "std", "msg_deploy_1", SECRET).statusCode()).isEqualTo(200);
                assertThat(post(port, "std", "msg_deploy_1", SECRET).statusCode()).isEqualTo(200);
                assertThat(post(port, "std", "msg_deploy_forged", "whsec_" + "A".repeat(32)).statusCode()).isEqualTo(200);
                assertThat(post(port, "nowhere", "msg_deploy_2", SECRET).statusCode()).isEqualTo(404);
                final String admin = "http://127.0.0.1:" + gateway.adminPort();
                assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(admin + "/admin/dlq")).header("Authorization", "Bearer wrong").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    receiver.receivedAt("/ok").size() >= 1 && receiver.receivedAt("/flaky").size() >= 2 && receiver.receivedAt("/broken").size() >= 1
                        && scrape(admin).contains("hookgate_dlq_total{") && scrape(admin).contains("hookgate_delivery_end_to_end_seconds_bucket{"));
                served.putAll(families(scrape(admin)));

                final JsonNode ready = Json.mapper().readTree(HTTP.send(HttpRequest.newBuilder(URI.create(admin + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
                ready.path("details").path("sources").path("withoutSecret").forEach(id -> withoutSecret.add(id.asText()));
            } finally {
                gateway.close();
            }
            logged = logs.text();
        }
        // Lag was measured (at start, then every 15 s) for the Streams group and the dispatcher's alike.
        assertThat(logged).doesNotContain("Cannot measure the lag");

        // A source without a secret is shown in /readyz, and does not make the process unready.
        assertThat(withoutSecret).containsExactly("nosecret");

        final List<String> problems = new ArrayList<>();
        final Set<String> used = new TreeSet<>();
        expressions.forEach((where, expr) -> {
            final Matcher metric = METRIC.matcher(expr);
            while (metric.find()) {
                final String name = metric.group(1);
                used.add(name);
                final Set<String> labels = served.get(name);
                if (labels == null) {
                    problems.add(where + ": " + name + " is not in /metrics");
                    continue;
                }
                if (metric.group(2) != null) {
                    final Matcher label = LABEL.matcher(metric.group(2).replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\""));
                    while (label.find()) {
                        if (!labels.contains(label.group(1))) {
                            problems.add(where + ": " + name + " has no label " + label.group(1) + " (it has " + labels + ")");
                        }
                    }
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(used).contains("hookgate_verification_failures_total", "hookgate_dlq_total", "hookgate_consumer_lag_seconds",
            "hookgate_consumer_lag_records", "hookgate_ingress_requests_total", "hookgate_ingress_refused_total",
            "hookgate_deliveries_deferred_total");
        // Lag is measured for both groups.
        assertThat(served.get("hookgate_consumer_lag_seconds")).contains("part", "group", "topic");
    }

    @Test
    void everyAlertIsComplete() throws Exception {
        final JsonNode rules = new YAMLMapper().readTree(RULES.toFile());
        final List<String> names = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                final String name = rule.path("alert").asText();
                names.add(name);
                assertThat(name).as("alert name").matches("Hookgate[A-Za-z0-9]+");
                assertThat(rule.path("expr").asText()).as(name + " expr").isNotBlank();
                assertThat(rule.path("labels").path("severity").asText()).as(name + " severity").isIn("critical", "warning", "info");
                assertThat(rule.path("annotations").path("summary").asText()).as(name + " summary").isNotBlank();
                if (rule.has("for")) {
                    assertThat(rule.path("for").asText()).as(name + " for").matches("\\d+[smh]");
                }
            }
        }
        assertThat(names).doesNotHaveDuplicates().contains("HookgateVerificationFailuresRising", "HookgateDlqGrowing",
            "HookgateConsumerLagGrowing", "HookgateIngress503s", "HookgateEndpointBacklogFull");
        final JsonNode dashboard = Json.mapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("hookgate");
        for (JsonNode panel : dashboard.path("panels")) {
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("${datasource}");
            }
        }
    }

    /** Every PromQL expression of the two files, by where it is. */
    static Map<String, String> expressions() throws Exception {
        final Map<String, String> found = new HashMap<>();
        final JsonNode dashboard = Json.mapper().readTree(DASHBOARD.toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                found.put("dashboard panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(), target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.has("definition")) {
                found.put("dashboard variable " + variable.path("name").asText(), variable.path("definition").asText());
            }
        }
        final JsonNode rules = new YAMLMapper().readTree(RULES.toFile());
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                found.put("alert " + rule.path("alert").asText(), rule.path("expr").asText());
            }
        }
        return found;
    }

    /** The label names of each sample name in a Prometheus text exposition. */
    static Map<String, Set<String>> families(final String exposition) {
        final Map<String, Set<String>> families = new HashMap<>();
        final Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s");
        final Pattern labelName = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
        for (String line : exposition.lines().toList()) {
            if (line.startsWith("#")) {
                continue;
            }
            final Matcher matcher = sample.matcher(line);
            if (matcher.find()) {
                final Set<String> labels = families.computeIfAbsent(matcher.group(1), ignored -> new HashSet<>());
                if (matcher.group(3) != null) {
                    final Matcher name = labelName.matcher(matcher.group(3).replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\""));
                    while (name.find()) {
                        labels.add(name.group(1));
                    }
                }
            }
        }
        return families;
    }

    static String scrape(final String admin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(admin + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static HttpResponse<String> post(final int port, final String source, final String id, final String secret) throws Exception {
        final long now = Instant.now().getEpochSecond();
        final byte[] body = "{\"type\":\"order.paid\"}".getBytes(StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/" + source))
            .header("Content-Type", "application/json").header("webhook-id", id).header("webhook-timestamp", Long.toString(now))
            .header("webhook-signature", StandardWebhooksSigner.header(List.of(secret), id, now, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

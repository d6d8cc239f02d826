package io.hookgate.admin.internals.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.AdminOperations;
import io.hookgate.admin.AdminServer;
import io.hookgate.admin.TestConfigs;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.SecretBox;
import io.hookgate.core.subscription.SubscriptionTable;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.admin.internals.errors.Conflict;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.SealedSecret;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.SubscriptionSettings;
import io.hookgate.core.topics.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On a real broker, over HTTP: the admin API writes subscriptions to the compacted topic, the
 * process's {@link SubscriptionTable} has each change in force before the answer, secrets are
 * answered once and never read back, the file's subscriptions change only their state, a tenant
 * token cannot see, change or subscribe to another tenant's things, and what was made survives a
 * restart (a fresh table and admin reading the topic).
 */
class SubscriptionsIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String OPERATOR = "operator-token-000000000001";
    static final String ACME = "acme-tenant-token-0000000001";
    static final String BETA = "beta-tenant-token-0000000001";
    static final String FILE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /** One running admin: table, operations and server. */
    private static final class Running implements AutoCloseable {
        final SubscriptionTable table;
        final AdminOperations operations;
        final AdminServer server;

        Running(final HookgateConfig config, final String client) {
            final SimpleMeterRegistry registry = new SimpleMeterRegistry();
            table = new SubscriptionTable(config, client, registry, Clock.systemUTC(), Duration.ofSeconds(60));
            table.start();
            operations = new AdminOperations(config, TestConfigs.PROVIDERS, table, registry, Clock.systemUTC());
            operations.start();
            server = new AdminServer(config.admin(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                List.of(table, operations.readiness()), operations.api());
            server.start();
        }

        HttpResponse<String> call(final String token, final String method, final String path, final String body) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        }

        LiveSubscription live(final String id) {
            return table.find(id).orElseThrow(() -> new AssertionError("subscription " + id + " is not in force"));
        }

        @Override
        public void close() {
            server.close();
            operations.close();
            table.close();
        }
    }

    static JsonNode json(final HttpResponse<String> response, final int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : Json.mapper().readTree(response.body());
    }

    static List<String> ids(final HttpResponse<String> response) throws Exception {
        final List<String> ids = new ArrayList<>();
        json(response, 200).path("entries").forEach(entry -> ids.add(entry.path("id").asText()));
        return ids;
    }

    static KafkaTestCluster kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopKafka() {
        Optional.ofNullable(kafka).ifPresent(KafkaTestCluster::close);
    }

    static HookgateConfig config(final String prefix, final String secretsKey, final Path dir) throws Exception {
        final HookgateConfig config = TestConfigs.parse("""
                kafka: {bootstrapServers: "%s", topicPrefix: "%s"}
                admin:
                  port: 0
                  token: %s
                  tokens: [{token: %s, tenant: acme}, {token: %s, tenant: beta}]
                  secretsKey: "%s"
                  stateDir: "%s"
                sources:
                  shop: {provider: standard-webhooks}
                  acme-shop: {provider: standard-webhooks, tenant: acme}
                  beta-shop: {provider: standard-webhooks, tenant: beta}
                subscriptions:
                  audit: {url: "https://audit.example.com/hook", sources: [shop], secret: %s}
                """.formatted(kafka.bootstrapServers(), prefix, OPERATOR, ACME, BETA, secretsKey, dir.resolve("admin"), FILE_SECRET));
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(60)).createMissing(new Topics(prefix).all(config));
        }
        return config;
    }

    @Test
    void subscriptionsMadeOverHttpAreInForceAtOnceAndSurviveARestart(@TempDir final Path dir) throws Exception {
        {
            final HookgateConfig config = config("subs.", SecretBox.newKey(), dir);
            final String first;
            final String second;
            try (Running running = new Running(config, "admin")) {
                // Create: the secret is answered once, and the subscription is in force before the answer.
                final JsonNode created = json(running.call(OPERATOR, "POST", "/admin/subscriptions",
                    "{\"id\": \"billing\", \"url\": \"https://billing.example.com/hooks\", \"sources\": [\"shop\"], \"timeout\": \"5s\"}"), 201);
                first = created.path("secret").asText();
                assertThat(first).startsWith("whsec_");
                assertThat(running.live("billing").config().secrets()).containsExactly(first);
                assertThat(running.table.deliveringFrom("shop")).extracting(s -> s.id()).containsExactly("audit", "billing");
                final HttpResponse<String> shown = running.call(OPERATOR, "GET", "/admin/subscriptions/billing", null);
                assertThat(json(shown, 200).path("timeout").asText()).isEqualTo("5s");
                final HttpResponse<String> listed = running.call(OPERATOR, "GET", "/admin/subscriptions", null);
                assertThat(ids(listed)).containsExactly("audit", "billing");
                assertThat(shown.body() + listed.body()).doesNotContain(first).doesNotContain(FILE_SECRET).doesNotContain("\"secret");

                // Change: in force in the table when answered.
                assertThat(json(running.call(OPERATOR, "PATCH", "/admin/subscriptions/billing",
                    "{\"url\": \"https://billing2.example.com/hooks\", \"description\": \"the billing service\"}"), 200)
                    .path("url").asText()).isEqualTo("https://billing2.example.com/hooks");
                assertThat(running.live("billing").config().url()).hasToString("https://billing2.example.com/hooks");
                assertThat(running.live("billing").config().secrets()).as("a change keeps the secret").containsExactly(first);
                assertThat(json(running.call(OPERATOR, "PATCH", "/admin/subscriptions/audit", "{\"timeout\": \"1s\"}"), 409)
                    .path("error").asText()).isEqualTo("declared_in_config");

                // States: the file's and the API's alike.
                assertThat(json(running.call(OPERATOR, "POST", "/admin/subscriptions/audit/disable", ""), 200).path("state").asText())
                    .isEqualTo("disabled");
                assertThat(running.live("audit").enabled()).isFalse();
                assertThat(json(running.call(OPERATOR, "POST", "/admin/subscriptions/billing/disable", ""), 200).path("state").asText())
                    .isEqualTo("disabled");
                assertThat(running.table.deliveringFrom("shop")).isEmpty();
                json(running.call(OPERATOR, "POST", "/admin/subscriptions/billing/enable", ""), 200);
                assertThat(running.table.deliveringFrom("shop")).extracting(s -> s.id()).containsExactly("billing");

                // Rotation: the new secret first, the previous one beside it.
                second = json(running.call(OPERATOR, "POST", "/admin/subscriptions/billing/secret", "{\"keepPreviousFor\": \"24h\"}"), 200)
                    .path("secret").asText();
                assertThat(running.live("billing").config().secrets()).containsExactly(second, first);

                // Delete: gone from the table, then 404.
                json(running.call(OPERATOR, "POST", "/admin/subscriptions",
                    "{\"id\": \"temp\", \"url\": \"https://temp.example.com/h\", \"sources\": [\"shop\"]}"), 201);
                assertThat(running.call(OPERATOR, "DELETE", "/admin/subscriptions/temp", null).statusCode()).isEqualTo(204);
                assertThat(running.table.find("temp")).isEmpty();
                assertThat(json(running.call(OPERATOR, "GET", "/admin/subscriptions/temp", null), 404).path("error").asText())
                    .isEqualTo("not_found");
                // Its id is never used again, by a tenant least of all: what waits under it stays its own.
                assertThat(json(running.call(ACME, "POST", "/admin/subscriptions",
                    "{\"id\": \"temp\", \"url\": \"https://acme.example.com/h\", \"sources\": [\"acme-shop\"]}"), 409)
                    .path("error").asText()).isEqualTo("subscription_exists");
                assertThat(running.table.record("temp")).get().extracting(record -> record.isDeleted()).isEqualTo(true);
                // A tenant may not reach into the network hookgate runs in.
                final JsonNode insecure = json(running.call(ACME, "POST", "/admin/subscriptions",
                    "{\"url\": \"http://127.0.0.1:8081/admin/dlq\", \"sources\": [\"acme-shop\"], \"allowInsecureUrl\": true}"), 400);
                assertThat(insecure.path("problems")).extracting(problem -> problem.path("path").asText()).contains("allowInsecureUrl", "url");

                // Tenants: each sees and changes its own only, and names only its own sources.
                assertThat(json(running.call(ACME, "POST", "/admin/subscriptions",
                    "{\"id\": \"acme-api\", \"url\": \"https://acme.example.com/h\", \"sources\": [\"acme-shop\"]}"), 201)
                    .path("tenant").asText()).isEqualTo("acme");
                assertThat(running.live("acme-api").config().tenant()).contains("acme");
                assertThat(ids(running.call(ACME, "GET", "/admin/subscriptions", null))).containsExactly("acme-api");
                assertThat(ids(running.call(BETA, "GET", "/admin/subscriptions", null))).isEmpty();
                for (String[] request : List.of(new String[] {"GET", "/admin/subscriptions/acme-api", null},
                    new String[] {"PATCH", "/admin/subscriptions/acme-api", "{\"url\": \"https://beta.example.com/h\"}"},
                    new String[] {"DELETE", "/admin/subscriptions/acme-api", null},
                    new String[] {"POST", "/admin/subscriptions/acme-api/secret", "{}"},
                    new String[] {"POST", "/admin/subscriptions/acme-api/disable", ""},
                    new String[] {"GET", "/admin/subscriptions/billing", null})) {
                    assertThat(json(running.call(BETA, request[0], request[1], request[2]), 404).path("error").asText())
                        .as(request[0] + " " + request[1]).isEqualTo("not_found");
                }
                final JsonNode refused = json(running.call(BETA, "POST", "/admin/subscriptions",
                    "{\"url\": \"https://beta.example.com/h\", \"sources\": [\"acme-shop\"]}"), 400);
                assertThat(refused.path("error").asText()).isEqualTo("invalid_subscription");
                assertThat(refused.path("problems").get(0).path("path").asText()).isEqualTo("sources[0]");
                assertThat(refused.path("problems").get(0).path("message").asText()).startsWith("no source 'acme-shop'");
                assertThat(running.live("acme-api").config().url()).hasToString("https://acme.example.com/h");
                assertThat(running.live("acme-api").enabled()).isTrue();
            }

            // A restart: a fresh table and admin read what the topic holds.
            try (Running restarted = new Running(config, "admin-restarted")) {
                assertThat(ids(restarted.call(OPERATOR, "GET", "/admin/subscriptions", null))).containsExactly("audit", "acme-api", "billing");
                final LiveSubscription billing = restarted.live("billing");
                assertThat(billing.config().url()).hasToString("https://billing2.example.com/hooks");
                assertThat(billing.config().secrets()).containsExactly(second, first);
                assertThat(billing.description()).contains("the billing service");
                assertThat(billing.enabled()).isTrue();
                assertThat(restarted.live("audit").enabled()).as("the file's subscription keeps its state").isFalse();
                assertThat(restarted.table.find("temp")).isEmpty();
                // The restarted admin changes what it read back.
                json(restarted.call(OPERATOR, "POST", "/admin/subscriptions/billing/secret", ""), 200);
                assertThat(restarted.live("billing").config().secrets()).hasSize(1).doesNotContain(first, second);
                assertThat(json(restarted.call(OPERATOR, "POST", "/admin/subscriptions",
                    "{\"id\": \"billing\", \"url\": \"https://x.example.com/h\", \"sources\": [\"shop\"]}"), 409).path("error").asText())
                    .isEqualTo("subscription_exists");
                assertThat(json(restarted.call(OPERATOR, "POST", "/admin/subscriptions",
                    "{\"id\": \"temp\", \"url\": \"https://x.example.com/h\", \"sources\": [\"shop\"]}"), 409).path("message").asText())
                    .as("a deleted id stays taken after a restart").contains("was deleted");
            }
        }
    }

    @Test
    void theOperatorDeletesWhatCannotBeReadAndAChangeMeanwhileIsAConflict(@TempDir final Path dir) throws Exception {
        final String key = SecretBox.newKey();
        final HookgateConfig config = config("subs2.", key, dir);
        final Topic<String, SubscriptionRecord> topic = new Topics("subs2.").subscriptionRecords();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
             Running running = new Running(config, "admin-a")) {
            // A record that is not JSON, and one whose secret was sealed under another key.
            producer.send(new ProducerRecord<>(topic.name(), "broken".getBytes(StandardCharsets.UTF_8),
                "{not json".getBytes(StandardCharsets.UTF_8))).get();
            final ObjectNode settings = SubscriptionSettings.empty().put("url", "https://alien.example.com/h");
            settings.putArray("sources").add("acme-shop");
            producer.send(topic.record("alien", new SubscriptionRecord(1, "alien", Origin.API, State.ENABLED, "acme", null, settings,
                List.of(new SealedSecret(new SecretBox(SecretBox.newKey()).seal(FILE_SECRET, "alien"), null)), null, null))).get();
            running.table.sync().get(30, TimeUnit.SECONDS);
            for (String id : List.of("broken", "alien")) {
                assertThat(running.table.unreadable(id)).as(id).isTrue();
                assertThat(json(running.call(OPERATOR, "GET", "/admin/subscriptions/" + id, null), 404).path("error").asText()).isEqualTo("not_found");
                assertThat(json(running.call(ACME, "DELETE", "/admin/subscriptions/" + id, null), 404).path("error").asText()).isEqualTo("not_found");
                assertThat(json(running.call(OPERATOR, "POST", "/admin/subscriptions",
                    "{\"id\": \"" + id + "\", \"url\": \"https://x.example.com/h\", \"sources\": [\"shop\"]}"), 409).path("message").asText())
                    .contains("cannot be read");
                assertThat(running.call(OPERATOR, "DELETE", "/admin/subscriptions/" + id, null).statusCode()).as(id).isEqualTo(204);
                assertThat(running.table.record(id)).as(id).get().extracting(record -> record.isDeleted()).isEqualTo(true);
                assertThat(running.table.unreadable(id)).isFalse();
                assertThat(json(running.call(OPERATOR, "DELETE", "/admin/subscriptions/" + id, null), 404).path("error").asText()).isEqualTo("not_found");
            }

            // Two admins: the one whose change began before the other's write lands is refused, not silently lost.
            try (Running other = new Running(config("subs2.", key, dir.resolve("b")), "admin-b")) {
                json(running.call(OPERATOR, "POST", "/admin/subscriptions",
                    "{\"id\": \"shared\", \"url\": \"https://shared.example.com/h\", \"sources\": [\"shop\"]}"), 201);
                final KafkaSubscriptionStore store = new KafkaSubscriptionStore(config, producer, other.table, Duration.ofSeconds(30));
                final SubscriptionRecord base = store.stored("shared").orElseThrow();
                json(running.call(OPERATOR, "PATCH", "/admin/subscriptions/shared", "{\"description\": \"a's change\"}"), 200);
                assertThatThrownBy(() -> store.write("shared", Optional.of(base), base.withState(State.DISABLED, Instant.now())))
                    .isInstanceOf(Conflict.class).hasMessageContaining("changed since");
                assertThat(other.live("shared").description()).contains("a's change");
                assertThat(other.live("shared").enabled()).isTrue();
            }
        }
    }
}

package io.hookgate.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.AdminServer;
import io.hookgate.admin.replay.Replayer;
import io.hookgate.admin.view.EntryStore;
import io.hookgate.admin.view.Fixtures;
import io.hookgate.core.config.AdminSettings;
import io.hookgate.core.json.Json;
import io.hookgate.core.topics.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API over HTTP, on a real index (RocksDB) and a mock producer: every failure is a JSON
 * answer with a stable code, mapped in one place.
 */
class AdminApiTest {

    static final String TOKEN = "admin-api-test-token-0001";
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    EntryStore dlq;
    EntryStore rejected;
    MockProducer<byte[], byte[]> producer;
    AdminServer server;
    String base;

    @BeforeEach
    void start(@TempDir final Path dir) throws Exception {
        dlq = new EntryStore(dir.resolve("dlq"));
        rejected = new EntryStore(dir.resolve("rejected"));
        for (int i = 0; i < 5; i++) {
            Fixtures.indexDlq(dlq, i, Fixtures.dlqJson("dlq_" + i, i % 2 == 0 ? "billing" : "crm", "stripe", "evt_" + i, "rejected",
                T0.plusSeconds(i)));
        }
        producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        final Replayer replayer = new Replayer(producer, new Topics("t."), dlq, rejected, Clock.systemUTC());
        server = new AdminServer(new AdminSettings("127.0.0.1", 0, Optional.of(TOKEN), dir.toString()),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(), new AdminApi(TOKEN, dlq, rejected, replayer, Clock.systemUTC()));
        server.start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        dlq.close();
        rejected.close();
    }

    @Test
    void eachFailureAnswersItsOwnStatusAndCode() throws Exception {
        final HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/dlq")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(error(anonymous)).isEqualTo("unauthorized");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");

        assertThat(call("GET", "/admin/dlq/nope", null).statusCode()).isEqualTo(404);
        assertThat(error(call("GET", "/admin/dlq/nope", null))).isEqualTo("not_found");
        assertThat(error(call("POST", "/admin/dlq/nope/replay", ""))).isEqualTo("not_found");

        assertThat(call("POST", "/admin/dlq/dlq_1/replay", "").statusCode()).isEqualTo(200);
        final HttpResponse<String> again = call("POST", "/admin/dlq/dlq_1/replay", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(error(again)).isEqualTo("already_replayed");
        assertThat(again.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    }

    @Test
    void kafkaTimingOutIsServiceUnavailableWithRetryAfterAndNothingRecorded() throws Exception {
        producer.sendException = new TimeoutException("Topic t.dispatch not present in metadata after 60000 ms.");
        final HttpResponse<String> answer = call("POST", "/admin/dlq/dlq_2/replay", "");
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(error(answer)).isEqualTo("kafka_unavailable");
        assertThat(answer.headers().firstValue("Retry-After")).contains("5");
        assertThat(dlq.replayState("dlq_2").replayed()).as("a replay Kafka did not take is not recorded").isFalse();
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorNamingTheRequestNotItsCause() throws Exception {
        producer.sendException = new RecordTooLargeException("the record is 9000000 bytes");
        final HttpResponse<String> answer = call("POST", "/admin/dlq/dlq_3/replay", "");
        assertThat(answer.statusCode()).isEqualTo(500);
        final JsonNode body = Json.mapper().readTree(answer.body());
        assertThat(body.get("error").asText()).isEqualTo("internal_error");
        assertThat(body.get("requestId").asText()).isEqualTo(answer.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(body.get("message").asText()).doesNotContain("9000000");
    }

    HttpResponse<String> call(final String method, final String path, final String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    static String error(final HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body()).path("error").asText();
    }
}

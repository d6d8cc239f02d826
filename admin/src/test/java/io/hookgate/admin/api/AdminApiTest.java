package io.hookgate.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.AdminServer;
import io.hookgate.admin.TestConfigs;
import io.hookgate.admin.internals.errors.Gone;
import io.hookgate.admin.internals.replay.Replayer;
import io.hookgate.admin.internals.view.EntryStore;
import io.hookgate.admin.internals.view.Fixtures;
import io.hookgate.admin.internals.view.Quarantine;
import io.hookgate.core.config.AdminSettings;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.logging.SecurityLog;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.time.ZoneOffset;
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
    /** When every request arrives: after dlq_0..dlq_4, before dlq_5 (dead-lettered "later"). */
    static final Instant ARRIVAL = T0.plusSeconds(4).plusMillis(500);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    EntryStore dlq;
    EntryStore rejected;
    MockProducer<byte[], byte[]> producer;
    Quarantine quarantine;
    AdminServer server;
    String base;
    SimpleMeterRegistry securityMetrics;

    @BeforeEach
    void start(@TempDir final Path dir) throws Exception {
        dlq = new EntryStore(dir.resolve("dlq"));
        rejected = new EntryStore(dir.resolve("rejected"));
        for (int i = 0; i < 6; i++) {
            Fixtures.indexDlq(dlq, i, Fixtures.dlqJson("dlq_" + i, i % 2 == 0 ? "billing" : "crm", "stripe", "evt_" + i, "rejected",
                T0.plusSeconds(i)));
        }
        producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        quarantine = new Quarantine(List.of(dlq, rejected), new SimpleMeterRegistry(), Clock.systemUTC(), List.of());
        final Replayer replayer = new Replayer(producer, ref -> {
            throw new Gone("the original at " + ref.topic() + " partition " + ref.partition() + " offset " + ref.offset() + " is gone");
        }, new Topics("t."), dlq, rejected, Clock.systemUTC());
        Fixtures.indexRejected(rejected, 9, "stripe");
        securityMetrics = new SimpleMeterRegistry();
        final AdminSettings settings = new AdminSettings("127.0.0.1", 0, Optional.of(TOKEN), dir.toString());
        final HookgateConfig config = TestConfigs.parse("sources: {stripe: {provider: standard-webhooks}}");
        server = new AdminServer(settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(), new AdminApi(settings, dlq,
            rejected, quarantine, replayer, new EntryVisibility(config, Subscriptions.of(config)), (id, since) -> "pending", List.of(),
            Clock.fixed(ARRIVAL, ZoneOffset.UTC), new SecurityLog(securityMetrics, "admin", 60)));
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
        // A refused token is a security event, counted (and logged) like the ingress's refusals.
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/dlq")).header("Authorization", "Bearer guess").build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(securityMetrics.get("hookgate.admin.refused").tags("source", "admin", "reason", "unauthorized", "status", "401")
            .counter().count()).isEqualTo(2.0);

        assertThat(call("GET", "/admin/dlq/nope", null).statusCode()).isEqualTo(404);
        assertThat(error(call("GET", "/admin/dlq/nope", null))).isEqualTo("not_found");
        assertThat(error(call("POST", "/admin/dlq/nope/replay", ""))).isEqualTo("not_found");

        assertThat(json(call("POST", "/admin/dlq/dlq_1/replay", "")).get("forced").asBoolean()).isFalse();
        final HttpResponse<String> again = call("POST", "/admin/dlq/dlq_1/replay", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(error(again)).isEqualTo("already_replayed");
        assertThat(again.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        assertThat(json(call("POST", "/admin/dlq/dlq_1/replay?force=true", "")).get("forced").asBoolean())
            .as("a replay over an earlier one says it was forced").isTrue();
    }

    @Test
    void aShowHasThePayloadAReplayWouldSend() throws Exception {
        final JsonNode dlqEntry = json(call("GET", "/admin/dlq/dlq_0", null));
        assertThat(dlqEntry.path("payload").path("json").path("eventId").asText()).isEqualTo("evt_0");
        assertThat(dlqEntry.path("payload").path("json").path("payload").path("type").asText()).isEqualTo("thing.happened");
        final JsonNode rejectedEntry = json(call("GET", "/admin/rejected/rej_0_9", null));
        assertThat(rejectedEntry.path("payload").path("unavailable").asText()).contains("gone");
        assertThat(json(call("GET", "/admin/dlq", null)).path("entries").get(0).has("payload")).as("not in listings").isFalse();
    }

    @Test
    void theDlqFindsAnEventsEntriesAndReplaysThemByEventId() throws Exception {
        final JsonNode found = json(call("GET", "/admin/dlq?eventId=evt_3", null));
        assertThat(found.get("entries")).hasSize(1);
        assertThat(found.get("entries").get(0).get("id").asText()).isEqualTo("dlq_3");
        assertThat(found.get("entries").get(0).get("deliveryId").asText()).isEqualTo("msg_dlq_3");
        assertThat(json(call("GET", "/admin/dlq?eventId=evt_3&subscription=billing", null)).get("entries")).isEmpty();
        assertBadRequest(call("GET", "/admin/rejected?eventId=evt_3", null), "invalid_parameter", "eventId", "unknown parameter");
        final JsonNode replayed = json(call("POST", "/admin/dlq/replay", "{\"eventId\": \"evt_1\"}"));
        assertThat(replayed.get("matched").asLong()).isEqualTo(1);
        assertThat(replayed.get("forced").asBoolean()).isFalse();
        assertThat(json(call("POST", "/admin/dlq/replay", "{\"eventId\": \"evt_1\", \"force\": true, \"dryRun\": true}"))
            .get("forced").asBoolean()).isTrue();
    }

    @Test
    void aReplayByFilterSkipsAnEntryWithNothingToReplayAndGoesOn() throws Exception {
        final String at = T0.plusMillis(1500).toString();
        Fixtures.indexDlq(dlq, 7, """
            {"schemaVersion":1,"id":"dlq_7","reason":"rejected","detail":"the envelope was too large to keep","deadAt":"%1$s",
             "task":{"schemaVersion":2,"deliveryId":"msg_dlq_7","subscription":"billing","dueAt":"%1$s","firstAttemptAt":"%1$s",
              "attempts":[],"eventRef":{"id":"evt_dlq_7","source":"stripe","eventId":"evt_7","type":"thing.happened","receivedAt":"%1$s",
              "ingressId":"ing_dlq_7"}}}
            """.formatted(at));
        assertThat(error(call("POST", "/admin/dlq/dlq_7/replay", ""))).isEqualTo("not_replayable");
        final JsonNode replayed = json(call("POST", "/admin/dlq/replay", "{\"subscription\": \"billing\"}"));
        assertThat(replayed.get("matched").asLong()).isEqualTo(4);
        assertThat(replayed.get("replayed").asLong()).isEqualTo(3);
        assertThat(replayed.get("skipped").asLong()).isEqualTo(1);
        assertThat(List.of("dlq_0", "dlq_2", "dlq_4")).allSatisfy(id -> assertThat(dlq.replayState(id).replayed()).as(id).isTrue());
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

    @Test
    void aBulkReplayRefusesWhatItCannotReadAndReplaysNothing() throws Exception {
        assertBadRequest(call("POST", "/admin/dlq/replay", "{\"subscripton\": \"billing\"}"), "invalid_body", "subscripton",
            "did you mean 'subscription'?");
        assertBadRequest(call("POST", "/admin/dlq/replay", "[\"billing\"]"), "invalid_body", null, "must be a JSON object");
        assertBadRequest(call("POST", "/admin/dlq/replay", "\"billing\""), "invalid_body", null, "must be a JSON object");
        assertBadRequest(call("POST", "/admin/dlq/replay", "{\"subscription\": \"billing\", \"dryRun\": \"yes\"}"), "invalid_body",
            "dryRun", "true or false");
        assertBadRequest(call("POST", "/admin/dlq/replay", "{\"subscription\": [\"billing\"]}"), "invalid_body", "subscription", "string");
        assertBadRequest(call("POST", "/admin/dlq/replay", "{\"subscription\": null}"), "invalid_body", "subscription", "string");
        assertBadRequest(call("POST", "/admin/dlq/replay", "{\"reason\": \"rejectd\"}"), "invalid_body", "reason",
            "did you mean 'rejected'?");
        assertBadRequest(call("POST", "/admin/dlq/replay", "{\"subscription\": \"billing\", \"ignoreTimestamp\": true}"),
            "invalid_body", "ignoreTimestamp", "unknown key");
        assertBadRequest(call("POST", "/admin/dlq/replay", "{\"source\": \"stripe\""), "invalid_body", null, "not JSON");
        assertBadRequest(call("POST", "/admin/dlq/replay?subscription=billing", "{\"all\": true}"), "invalid_parameter",
            "subscription", "unknown parameter");
        // No filter at all is refused, unless the caller says "all".
        assertBadRequest(call("POST", "/admin/dlq/replay", ""), "filter_required", null, "\"all\": true");
        assertBadRequest(call("POST", "/admin/dlq/replay", "{}"), "filter_required", null, "\"all\": true");
        assertBadRequest(call("POST", "/admin/dlq/replay", "{\"all\": false, \"force\": true}"), "filter_required", null, "all");
        assertThat(producer.history()).as("nothing replayed").isEmpty();
        assertThat(dlq.replayState("dlq_0").replayed()).isFalse();
    }

    @Test
    void aBulkReplayStopsAtItsArrivalTimeAndSaysSo() throws Exception {
        final JsonNode all = json(call("POST", "/admin/dlq/replay", "{\"all\": true}"));
        // dlq_5 was dead-lettered after the request arrived, as a replay's own fresh failures are: not matched.
        assertThat(all.get("matched").asLong()).isEqualTo(5);
        assertThat(all.get("replayed").asLong()).isEqualTo(5);
        assertThat(all.get("until").asText()).isEqualTo(ARRIVAL.toString());
        assertThat(producer.history()).hasSize(5 * 2); // each task, and its replay state
        assertThat(dlq.replayState("dlq_5").replayed()).isFalse();
        // An explicit until in the future is capped at the arrival time too; an earlier one is kept.
        final JsonNode future = json(call("POST", "/admin/dlq/replay", "{\"until\": \"2999-01-01T00:00:00Z\", \"dryRun\": true}"));
        assertThat(future.get("until").asText()).isEqualTo(ARRIVAL.toString());
        assertThat(future.get("matched").asLong()).isEqualTo(5);
        final JsonNode early = json(call("POST", "/admin/dlq/replay", "{\"until\": \"" + T0.plusSeconds(2) + "\", \"dryRun\": true}"));
        assertThat(early.get("until").asText()).isEqualTo(T0.plusSeconds(2).toString());
        assertThat(early.get("matched").asLong()).isEqualTo(2);
        assertThat(json(call("POST", "/admin/dlq/replay", "{\"subscription\": \"billing\", \"dryRun\": true, \"force\": true}"))
            .get("matched").asLong()).isEqualTo(3);
        assertBadRequest(call("POST", "/admin/dlq/replay", "{\"since\": \"2999-01-01T00:00:00Z\"}"), "invalid_body", "since",
            "before until");
    }

    @Test
    void listsRefuseUnknownParametersBrokenCursorsAndOutOfRangeLimits() throws Exception {
        assertBadRequest(call("GET", "/admin/dlq?subscripton=billing", null), "invalid_parameter", "subscripton",
            "did you mean 'subscription'?");
        assertBadRequest(call("GET", "/admin/dlq?cursor=@@notbase64@@", null), "invalid_parameter", "cursor", "not a cursor");
        assertBadRequest(call("GET", "/admin/dlq?cursor=AA", null), "invalid_parameter", "cursor", "not a cursor");
        for (String limit : List.of("abc", "-1", "0", "1001", "99999999999")) {
            assertBadRequest(call("GET", "/admin/dlq?limit=" + limit, null), "invalid_parameter", "limit", "");
        }
        assertBadRequest(call("GET", "/admin/dlq?reason=bad_signature", null), "invalid_parameter", "reason", "unknown dlq reason");
        assertBadRequest(call("GET", "/admin/rejected?reason=exhausted", null), "invalid_parameter", "reason", "unknown rejected reason");
        assertBadRequest(call("GET", "/admin/rejected?subscription=billing", null), "invalid_parameter", "subscription", "unknown");
        assertBadRequest(call("GET", "/admin/dlq?source=", null), "invalid_parameter", "source", "empty");
        assertBadRequest(call("GET", "/admin/dlq?limit=1&limit=2", null), "invalid_parameter", "limit", "once");
        assertBadRequest(call("GET", "/admin/dlq?since=yesterday", null), "invalid_parameter", "since", "ISO-8601");
        assertBadRequest(call("GET", "/admin/dlq/dlq_1?verbose=true", null), "invalid_parameter", "verbose", "unknown");
        assertThat(json(call("GET", "/admin/rejected?reason=bad_signature", null)).get("entries")).hasSize(1);
        assertThat(json(call("GET", "/admin/rejected?reason=bad%5Fsignature&source=str%69pe", null)).get("entries")).hasSize(1);
        assertThat(json(call("GET", "/admin/dlq/dlq%5F1", null)).get("id").asText()).isEqualTo("dlq_1");
        assertThat(json(call("GET", "/admin/rejected?reason=no_secret", null)).get("entries")).isEmpty();

        // Good cursors page on; a cursor of another filter is refused rather than misread.
        final JsonNode first = json(call("GET", "/admin/dlq?subscription=billing&limit=2", null));
        assertThat(first.get("entries")).hasSize(2);
        final String cursor = first.get("nextCursor").asText();
        final JsonNode second = json(call("GET", "/admin/dlq?subscription=billing&limit=2&cursor=" + cursor, null));
        assertThat(second.get("entries")).extracting(e -> e.get("id").asText()).containsExactly("dlq_4");
        assertBadRequest(call("GET", "/admin/dlq?subscription=crm&cursor=" + cursor, null), "invalid_parameter", "cursor", "this listing");
    }

    @Test
    void aSingleReplayRefusesUnknownFlagsAndBodies() throws Exception {
        assertBadRequest(call("POST", "/admin/dlq/dlq_1/replay?force=yes", ""), "invalid_parameter", "force", "true or false");
        assertBadRequest(call("POST", "/admin/dlq/dlq_1/replay?forse=true", ""), "invalid_parameter", "forse", "did you mean 'force'?");
        assertBadRequest(call("POST", "/admin/dlq/dlq_1/replay?ignoreTimestamp=true", ""), "invalid_parameter", "ignoreTimestamp", "");
        assertBadRequest(call("POST", "/admin/dlq/dlq_1/replay", "{\"force\": true}"), "invalid_body", "force", "unknown key");
        assertThat(producer.history()).isEmpty();
        assertThat(call("POST", "/admin/dlq/dlq_1/replay", "{}").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/admin/dlq/dlq_1/replay?force=true", "").statusCode()).isEqualTo(200);
    }

    @Test
    void aRejectedRequestWhoseOriginalIsGoneAnswersGone() throws Exception {
        final HttpResponse<String> answer = call("POST", "/admin/rejected/rej_0_9/replay", "");
        assertThat(answer.statusCode()).isEqualTo(410);
        assertThat(error(answer)).isEqualTo("original_gone");
        assertThat(rejected.replayState("rej_0_9").replayed()).isFalse();
        assertThat(json(call("POST", "/admin/rejected/replay", "{\"source\": \"stripe\", \"dryRun\": true}")).get("matched").asLong())
            .isEqualTo(1);
        // A replay by filter counts it as gone and goes on, rather than stopping at it.
        final JsonNode bulk = json(call("POST", "/admin/rejected/replay", "{\"source\": \"stripe\"}"));
        assertThat(bulk.get("matched").asLong()).isEqualTo(1);
        assertThat(bulk.get("replayed").asLong()).isZero();
        assertThat(bulk.get("gone").asLong()).isEqualTo(1);
    }

    @Test
    void theQuarantineIsListedBehindTheToken() throws Exception {
        Fixtures.quarantineDlq(quarantine, dlq, 41, "value is not a DLQ entry: JsonParseException (line 1, column 1)");
        Fixtures.quarantineDlq(quarantine, dlq, 7, "no value");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/quarantine")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        final JsonNode listed = json(call("GET", "/admin/quarantine", null));
        assertThat(listed.get("total").asLong()).isEqualTo(2);
        assertThat(listed.get("entries")).extracting(e -> e.get("offset").asLong()).containsExactly(7L, 41L);
        assertThat(listed.get("entries").get(0).get("topic").asText()).isEqualTo("t.dispatch.dlq");
        assertThat(listed.get("entries").get(0).get("reason").asText()).isEqualTo("no value");
        assertThat(listed.get("entries").get(0).has("at")).isTrue();
        assertThat(json(call("GET", "/admin/quarantine?limit=1", null)).get("entries")).hasSize(1);
        assertBadRequest(call("GET", "/admin/quarantine?limit=0", null), "invalid_parameter", "limit", "1..1000");
        assertBadRequest(call("GET", "/admin/quarantine?topic=x", null), "invalid_parameter", "topic", "unknown");
    }

    static void assertBadRequest(final HttpResponse<String> response, final String code, final String field, final String message)
        throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        final JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("error").asText()).as(response.body()).isEqualTo(code);
        assertThat(body.path("message").asText()).as(response.body()).contains(message);
        if (field == null) {
            assertThat(body.has("field")).as(response.body()).isFalse();
        } else {
            assertThat(body.path("field").asText()).as(response.body()).isEqualTo(field);
        }
    }

    static JsonNode json(final HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
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

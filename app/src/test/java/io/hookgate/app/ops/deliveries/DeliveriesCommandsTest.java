package io.hookgate.app.ops.deliveries;

import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.testing.StdStreams;
import io.hookgate.app.testing.StubAdmin;
import io.hookgate.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hookgate deliveries}, {@code subscriptions health} and what {@code dlq}/{@code rejected show}
 * print of what one debugs with, against a stub admin API.
 */
class DeliveriesCommandsTest {

    static final String DELIVERY = """
        {"deliveryId":"msg_0123456789abcdef0123456789abcdef","subscription":"billing","source":"stripe","eventId":"evt_1Nq","event":"evt_g1",
         "type":"invoice.paid","outcome":"delivered","attemptCount":2,"firstAttemptAt":"2026-11-23T10:00:00.120Z",
         "lastAttemptAt":"2026-11-23T10:00:05.250Z","lastStatus":200,
         "attempts":[
          {"number":1,"at":"2026-11-23T10:00:00.120Z","status":500,"durationMs":41,"tier":"dispatch","outcome":"retry","nextTier":"5s",
           "nextDueAt":"2026-11-23T10:00:05.120Z","response":{"headers":{"content-type":"application/json","retry-after":"5"},
           "body":"{\\"error\\":\\"db down\\"}","bodyBytes":19,"truncated":false}},
          {"number":2,"at":"2026-11-23T10:00:05.250Z","status":200,"durationMs":12,"tier":"5s","outcome":"delivered"}]}
        """;

    @RegisterExtension
    final StdStreams streams = new StdStreams();
    @RegisterExtension
    final StubAdmin stub = new StubAdmin();
    @TempDir
    Path devDir;

    private int run(final String... args) {
        return stub.run(devDir, args);
    }

    @Test
    void listsDeliveriesAsATableWithTheirFiltersAndCursor() throws Exception {
        stub.answer("GET /admin/deliveries", 200, "{\"entries\":[" + DELIVERY + "],\"nextCursor\":\"c_9\"}");
        assertThat(run("deliveries", "list", "--subscription", "billing", "--event-id", "evt_1Nq", "--outcome", "delivered", "--since", "1h",
            "--limit", "1")).isEqualTo(ExitCodes.OK);
        final String query = stub.requests().get(0);
        assertThat(query).startsWith("GET /admin/deliveries?").contains("subscription=billing", "eventId=evt_1Nq", "outcome=delivered",
            "since=", "limit=1");
        final List<String> lines = streams.out().lines().toList();
        assertThat(lines.get(0)).startsWith("DELIVERY").contains("SUBSCRIPTION", "EVENT", "ATTEMPTS", "LAST STATUS", "OUTCOME", "LAST AT");
        assertThat(lines.get(1)).startsWith("msg_0123456789abcdef0123456789abcdef  billing").contains("evt_1Nq", "200", "delivered",
            "2026-11-23 10:00:05Z");
        assertThat(lines.get(0).indexOf("OUTCOME")).isEqualTo(lines.get(1).indexOf("delivered"));
        assertThat(streams.out()).contains("1 delivery\n", "more entries follow: add --cursor c_9");
        streams.reset();
        assertThat(run("deliveries", "list", "--cursor", "c_9", "--json")).isZero();
        assertThat(Json.mapper().readTree(streams.out()).path("nextCursor").asText()).isEqualTo("c_9");
        assertThat(stub.requests().get(1)).contains("cursor=c_9");
    }

    @Test
    void refusesAnUnknownOutcomeBeforeAskingAnything() {
        assertThat(run("deliveries", "list", "--outcome", "retry")).isEqualTo(ExitCodes.USAGE);
        assertThat(streams.err()).contains("--outcome retry: not an outcome (did you mean 'retrying'?); the outcomes are delivered, retrying, dead");
        assertThat(run("deliveries", "list", "--since", "last week")).isEqualTo(ExitCodes.USAGE);
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void showsEachAttemptOnALineWithWhatTheSubscriberAnswered() {
        stub.answer("GET /admin/deliveries/msg_1", 200, DELIVERY);
        assertThat(run("deliveries", "show", "msg_1")).isZero();
        final String out = streams.out();
        assertThat(out).contains("outcome         delivered", "attemptCount    2");
        final List<String> attempts = out.lines().filter(line -> line.startsWith("  #")).toList();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0)).contains("#1", "2026-11-23 10:00:00Z", "from dispatch", "500", "41 ms", "retry in 5s");
        assertThat(attempts.get(1)).contains("#2", "from 5s", "200", "12 ms", "delivered");
        assertThat(out).contains("      content-type: application/json", "      retry-after: 5", "body (19 bytes):",
            "        {\"error\":\"db down\"}");
        stub.answer("GET /admin/deliveries/nope", 404, "{\"error\":\"not_found\",\"message\":\"no delivery nope\"}");
        assertThat(run("deliveries", "show", "nope")).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(streams.err()).contains("not_found: no delivery nope");
    }

    @Test
    void theDlqFiltersByEventIdAndItsShowHasWhatOneDebugsWith() {
        stub.answer("GET /admin/dlq", 200, "{\"entries\":[],\"nextCursor\":null}");
        assertThat(run("dlq", "list", "--event-id", "evt_1Nq")).isZero();
        assertThat(stub.requests().get(0)).contains("eventId=evt_1Nq");
        assertThat(run("rejected", "list", "--event-id", "evt_1Nq")).isEqualTo(ExitCodes.USAGE);
        assertThat(streams.err()).contains("--event-id applies to DLQ entries only");

        stub.answer("GET /admin/dlq/dlq_1", 200, """
            {"id":"dlq_1","subscription":"billing","source":"stripe","eventId":"evt_1Nq","deliveryId":"msg_1","reason":"exhausted",
             "detail":"7 attempts","at":"2026-11-23T11:00:00Z",
             "attempts":[{"number":1,"at":"2026-11-23T10:00:00Z","status":500,"durationMs":41,
               "response":{"headers":{"content-type":"application/json"},"body":"{\\"error\\":\\"db down\\"}","bodyBytes":19,"truncated":false}}],
             "replay":{"state":"replayed","count":1,"lastAt":"2026-11-23T12:00:00Z","redelivery":"delivered"},
             "payload":{"bytes":30,"json":{"id":"evt_g1","payload":{"amount":12}}}}
            """);
        streams.reset();
        assertThat(run("dlq", "show", "dlq_1")).as(streams.err()).isZero();
        final String out = streams.out();
        assertThat(out).contains("deliveryId    msg_1", "replayed 1 time, last 2026-11-23 12:00:00Z; redelivery delivered");
        assertThat(out).contains("Attempts:", "#1", "500", "      content-type: application/json", "        {\"error\":\"db down\"}");
        assertThat(out).contains("Payload (30 bytes):", "  {\n", "    \"id\" : \"evt_g1\",", "\"amount\" : 12");

        stub.answer("GET /admin/rejected/rej_0_1", 200, """
            {"id":"rej_0_1","source":"github","reason":"bad_signature","at":"2026-11-23T10:00:00Z",
             "attempts":[{"number":1,"at":"2026-11-23T10:00:00Z","error":"bad_signature","durationMs":0}],"replay":{"state":"none","count":0},
             "request":{"method":"POST","client":"10.0.0.1","receivedAt":"2026-11-23T10:00:00Z","bodyBytes":7,
               "headers":[{"name":"content-type","value":"application/x-www-form-urlencoded"},{"name":"x-hub-signature-256","value":"[redacted]"}]},
             "payload":{"bytes":7,"text":"a=1&b=2"}}
            """);
        streams.reset();
        assertThat(run("rejected", "show", "rej_0_1")).isZero();
        assertThat(streams.out()).contains("not replayed", "Request (credentials redacted):", "POST  from 10.0.0.1",
            "  x-hub-signature-256: [redacted]", "Payload (7 bytes):", "  a=1&b=2").doesNotContain("Attempts:");
    }

    @Test
    void healthIsASmallTableTheBreakerAndTheLastError() throws Exception {
        stub.answer("GET /admin/subscriptions/billing/health", 200, """
            {"subscription":"billing","at":"2026-11-23T10:05:00Z",
             "windows":{"5m":{"attempts":3,"delivered":1,"failed":2,"successRate":0.3333333,"p50Ms":10,"p99Ms":30},
                        "24h":{"attempts":0,"delivered":0,"failed":0,"successRate":null,"p50Ms":null,"p99Ms":null}},
             "breaker":"unknown","lastError":{"at":"2026-11-23T10:04:00Z","status":400,"deliveryId":"msg_b2"}}
            """);
        assertThat(run("subscriptions", "health", "billing")).isZero();
        final List<String> lines = streams.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("subscription billing at 2026-11-23 10:05:00Z");
        assertThat(lines.get(1)).startsWith("WINDOW").contains("ATTEMPTS", "DELIVERED", "FAILED", "SUCCESS", "P50", "P99");
        assertThat(lines.get(2)).startsWith("5m").contains("3", "33.3%", "10 ms", "30 ms");
        assertThat(lines.get(3)).startsWith("24h").endsWith("-");
        assertThat(streams.out()).contains("breaker     unknown", "last error  2026-11-23 10:04:00Z  400  (msg_b2)");
        assertThat(stub.requests()).containsExactly("GET /admin/subscriptions/billing/health");
        streams.reset();
        assertThat(run("subscriptions", "health", "billing", "--json")).isZero();
        assertThat(Json.mapper().readTree(streams.out()).path("breaker").asText()).isEqualTo("unknown");
        assertThat(run("subscriptions", "health", "nope")).isEqualTo(ExitCodes.NOT_FOUND);
    }
}

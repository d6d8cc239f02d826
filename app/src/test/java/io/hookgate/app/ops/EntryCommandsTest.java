package io.hookgate.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.Hookgate;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.testing.StdStreams;
import io.hookgate.app.testing.StubAdmin;
import io.hookgate.core.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hookgate dlq|rejected} against a stub admin API: each kind of answer exits with its own
 * code and prints the server's message on one line, never a stack trace.
 */
class EntryCommandsTest {

    @RegisterExtension
    final StdStreams streams = new StdStreams();
    @RegisterExtension
    final StubAdmin stub = new StubAdmin();
    private String admin;
    @TempDir
    Path devDir;

    @BeforeEach
    void start() {
        admin = stub.url();
    }

    private int run(final Map<String, String> environment, final String... args) {
        return StubAdmin.commandLine(environment, devDir).execute(args);
    }

    private int run(final String... args) {
        return run(Map.of(EntryCommands.TOKEN_ENV, "cli-test-token-000000"), args);
    }

    private String err() {
        return streams.err();
    }

    @Test
    void eachKindOfAnswerHasItsExitCodeAndTheServersMessage() {
        stub.answer("GET /admin/dlq/gone", 404, "{\"error\":\"not_found\",\"message\":\"no dlq entry gone\"}");
        stub.answer("POST /admin/dlq/twice/replay", 409,
            "{\"error\":\"already_replayed\",\"message\":\"twice was already replayed; add ?force=true to replay it again\"}");
        stub.answer("POST /admin/rejected/old/replay", 410, "{\"error\":\"original_gone\",\"message\":\"retention deleted it\"}");
        stub.answer("GET /admin/dlq", 400,
            "{\"error\":\"invalid_parameter\",\"message\":\"reason: unknown dlq reason 'gon' (did you mean 'gone'?)\",\"field\":\"reason\"}");
        stub.answer("GET /admin/rejected", 503, "{\"error\":\"kafka_unavailable\",\"message\":\"Kafka did not answer\"}");
        stub.answer("GET /admin/rejected/x", 500,
            "{\"error\":\"internal_error\",\"message\":\"the admin API failed unexpectedly; the log has request req_1\",\"requestId\":\"req_1\"}");
        stub.answer("GET /admin/dlq/locked", 401, "{\"error\":\"unauthorized\",\"message\":\"a valid bearer token is required\"}");

        assertThat(run("dlq", "show", "gone", "--admin", admin)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(err()).contains("hookgate: not_found: no dlq entry gone");
        assertThat(run("dlq", "replay", "twice", "--admin", admin)).isEqualTo(ExitCodes.CONFLICT);
        assertThat(err()).contains("hookgate: twice was already replayed; add --force to replay it again").doesNotContain("?force");
        assertThat(run("rejected", "replay", "old", "--admin", admin)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(err()).contains("original_gone: retention deleted it");
        assertThat(run("dlq", "list", "--source", "gon", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("invalid_parameter: reason: unknown dlq reason 'gon' (did you mean 'gone'?) [reason]");
        assertThat(run("rejected", "list", "--admin", admin)).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err()).contains("kafka_unavailable: Kafka did not answer");
        assertThat(run("rejected", "show", "x", "--admin", admin)).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err()).contains("the log has request req_1");
        assertThat(run("dlq", "show", "locked", "--admin", admin)).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(err()).contains("unauthorized");
        assertThat(err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void filtersAreCheckedBeforeAnythingIsAsked() {
        assertThat(run("dlq", "list", "--reason", "gon", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("hookgate: --reason gon: not a dlq reason (did you mean 'gone'?); the dlq reasons are delivery_error, "
            + "exhausted, gone, malformed_task, redirect, rejected, ssrf_blocked, subscription_disabled, unknown_subscription");
        assertThat(run("rejected", "list", "--reason", "bad_sig", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("not a rejected reason").contains("bad_signature, ");
        assertThat(run("rejected", "list", "--subscription", "billing", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--subscription applies to DLQ entries only");
        assertThat(run("dlq", "list", "--since", "last tuesday", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--since last tuesday: not a time; use an ISO-8601 instant");
        assertThat(stub.requests()).as("nothing asked of the server").isEmpty();
    }

    @Test
    void relativeTimesAreSentAsInstants() {
        stub.answer("GET /admin/dlq", 200, "{\"entries\":[],\"nextCursor\":null}");
        final java.time.Instant before = java.time.Instant.now();
        assertThat(run("dlq", "list", "--since", "1h", "--until", "yesterday", "--admin", admin)).isEqualTo(ExitCodes.OK);
        final String query = stub.requests().get(0);
        final java.time.Instant since = java.time.Instant.parse(query.replaceAll(".*since=([^&]+).*", "$1"));
        assertThat(since).isBetween(before.minusSeconds(3600 + 5), java.time.Instant.now().minusSeconds(3600));
        assertThat(query).contains("until=" + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minusSeconds(86_400));
        assertThat(run("dlq", "list", "--since", "2026-11-23", "--admin", admin)).isEqualTo(ExitCodes.OK);
        assertThat(stub.requests().get(1)).contains("since=2026-11-23T00:00:00Z");
    }

    @Test
    void noAnswerNoTokenAndNotAnAdminApiAreTheirOwnFailures() throws IOException {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(run("dlq", "list", "--admin", "http://127.0.0.1:" + closedPort)).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err()).contains("cannot reach the admin API at http://127.0.0.1:" + closedPort);
        assertThat(run(Map.of(), "dlq", "list", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("no admin token: set " + EntryCommands.TOKEN_ENV);
        assertThat(run("dlq", "list", "--admin", "ftp://example.com")).isEqualTo(ExitCodes.USAGE);
        stub.answer("GET /admin/dlq/html", 200, "<html>a login page</html>");
        assertThat(run("dlq", "show", "html", "--admin", admin)).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err()).contains("without a JSON body");
        assertThat(run("dlq", "list", "--limit", "0", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(run("dlq", "list", "--no-such-option", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aReplayByFilterNeedsAFilterOrAllAndStopsAtTheServersArrivalTime() throws Exception {
        assertThat(run("dlq", "replay", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("needs at least one filter").contains("--all");
        assertThat(run("dlq", "replay", "--ignore-timestamp", "--source", "s", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(stub.requests()).as("nothing asked of the server").isEmpty();

        stub.answer("POST /admin/dlq/replay", 200,
            "{\"matched\":1,\"replayed\":1,\"skipped\":0,\"dryRun\":true,\"until\":\"2026-11-23T10:00:00Z\"}");
        stub.answer("GET /admin/dlq", 200, "{\"entries\":[{\"id\":\"dlq_1\"}],\"nextCursor\":null}");
        stub.answer("POST /admin/dlq/dlq_1/replay", 200, "{\"id\":\"dlq_1\",\"replayed\":true}");
        assertThat(run("dlq", "replay", "--all", "--admin", admin)).isZero();
        final JsonNode counted = Json.mapper().readTree(stub.bodies().get(0));
        assertThat(counted.get("all").asBoolean()).isTrue();
        assertThat(counted.get("dryRun").asBoolean()).isTrue();
        assertThat(counted.has("subscription")).as("no null filters sent").isFalse();
        assertThat(stub.requests().get(1)).startsWith("GET /admin/dlq?").contains("until=2026-11-23T10:00:00Z");
        assertThat(stub.requests().get(2)).isEqualTo("POST /admin/dlq/dlq_1/replay?force=false");
        assertThat(streams.out()).contains("matched 1, replayed 1, skipped 0");
    }

    @Test
    void aReplayByFilterGoesOnPastEntriesWhoseOriginalIsGoneAndSaysSo() {
        stub.answer("POST /admin/rejected/replay", 200,
            "{\"matched\":2,\"replayed\":2,\"skipped\":0,\"dryRun\":true,\"until\":\"2026-11-23T10:00:00Z\"}");
        stub.answer("GET /admin/rejected", 200, "{\"entries\":[{\"id\":\"rej_0_1\"},{\"id\":\"rej_0_2\"}]}");
        stub.answer("POST /admin/rejected/rej_0_1/replay", 410, "{\"error\":\"original_gone\",\"message\":\"retention\"}");
        stub.answer("POST /admin/rejected/rej_0_2/replay", 200, "{\"id\":\"rej_0_2\",\"replayed\":true}");
        assertThat(run("rejected", "replay", "--source", "stripe", "--admin", admin)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(stub.requests()).contains("POST /admin/rejected/rej_0_2/replay?force=false");
        assertThat(streams.out()).contains("matched 2, replayed 1, skipped 0");
        assertThat(err()).contains("1 of 2 not replayed: their originals are gone");
    }

    @Test
    void tablesFitTheirContentAndSayWhenMoreFollow() throws Exception {
        final String longId = "dlq_0123456789abcdef0123456789abcdef0123456789";
        stub.answer("GET /admin/dlq", 200, "{\"entries\":[{\"id\":\"" + longId + "\",\"at\":\"2026-11-23T10:00:00.123456789Z\","
            + "\"subscription\":\"billing\",\"source\":\"stripe\",\"eventId\":\"evt_1NqpJ2LkdIwHu7ix0123456789abcdef\","
            + "\"reason\":\"exhausted\",\"attempts\":[{},{}],\"replay\":{\"count\":0}}],\"nextCursor\":\"c_42\"}");
        stub.answer("GET /admin/rejected", 200, "{\"entries\":[{\"id\":\"rej_1\",\"at\":\"2026-11-23T10:00:00Z\","
            + "\"source\":\"github\",\"reason\":\"bad_signature\",\"replay\":{\"count\":1}}],\"nextCursor\":null}");
        assertThat(run("dlq", "list", "--limit", "1", "--admin", admin)).isZero();
        final String table = streams.out();
        assertThat(table).contains(longId + "  2026-11-23 10:00:00Z  billing").contains("evt_1NqpJ2LkdIwHu7ix0123456789abcdef")
            .contains("1 entry\n").contains("more entries follow: add --cursor c_42").doesNotContain("…", ".123456789");
        final List<String> lines = table.lines().toList();
        assertThat(lines.get(0).indexOf("AT")).as("columns aligned").isEqualTo(lines.get(1).indexOf("2026"));
        streams.reset();
        assertThat(run("dlq", "list", "--cursor", "c_42", "--json", "--admin", admin)).isZero();
        assertThat(stub.requests().get(stub.requests().size() - 1)).contains("cursor=c_42");
        assertThat(Json.mapper().readTree(streams.out()).get("nextCursor").asText()).isEqualTo("c_42");
        streams.reset();
        assertThat(run("rejected", "list", "--admin", admin)).isZero();
        assertThat(streams.out()).doesNotContain("SUBSCRIPTION", "ATTEMPTS", "more entries").contains("yes");
        streams.reset();
        stub.answer("POST /admin/dlq/replay", 200,
            "{\"matched\":4,\"replayed\":3,\"skipped\":1,\"gone\":0,\"dryRun\":true,\"until\":\"2026-11-23T10:00:00Z\"}");
        assertThat(run("dlq", "replay", "--all", "--dry-run", "--json", "--admin", admin)).isZero();
        final JsonNode dry = Json.mapper().readTree(streams.out());
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("replayed").asLong()).isEqualTo(3);
        streams.reset();
        assertThat(run("dlq", "replay", "--all", "--dry-run", "--admin", admin)).isZero();
        assertThat(streams.out()).contains("dry run, nothing replayed: matched 4, would replay 3, skipped 1");
    }

    @Test
    void theHelpListsTheExitCodes() {
        assertThat(Hookgate.run("dlq", "replay", "--help")).isZero();
        assertThat(streams.out()).contains("Exit codes:", "0   done", "2   bad usage, input or configuration",
            "3   no such entry", "4   conflict", "5   gateway or Kafka unreachable", "6   token refused", "1   unexpected failure");
    }
}

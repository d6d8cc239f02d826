package io.hookgate.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hookgate.app.Hookgate;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hookgate dlq|rejected} against a stub admin API: each kind of answer exits with its own
 * code and prints the server's message on one line, never a stack trace.
 */
class EntryCommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private HttpServer server;
    private String admin;
    @TempDir
    Path devDir;

    record Answer(int status, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        admin = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private void answer(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getPath();
        final String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8)));
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        final Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
            new Answer(404, "{\"error\":\"not_found\",\"message\":\"no such admin path\"}"));
        final byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private int run(final Map<String, String> environment, final String... args) {
        return Hookgate.commandLine(EntryCommandsTest.factory(environment, devDir)).execute(args);
    }

    /** Makes the commands with {@code environment} as their environment and {@code devDir} as dev mode's directory. */
    static CommandLine.IFactory factory(final Map<String, String> environment, final Path devDir) {
        final CommandLine.IFactory defaults = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(final Class<K> type) throws Exception {
                final K made = defaults.create(type);
                if (made instanceof EntryCommands.Base base) {
                    base.environment = environment::get;
                    base.devDir = devDir;
                }
                return made;
            }
        };
    }

    private int run(final String... args) {
        return run(Map.of(EntryCommands.TOKEN_ENV, "cli-test-token-000000"), args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachKindOfAnswerHasItsExitCodeAndTheServersMessage() {
        answers.put("GET /admin/dlq/gone", new Answer(404, "{\"error\":\"not_found\",\"message\":\"no dlq entry gone\"}"));
        answers.put("POST /admin/dlq/twice/replay", new Answer(409,
            "{\"error\":\"already_replayed\",\"message\":\"twice was already replayed; add ?force=true to replay it again\"}"));
        answers.put("POST /admin/rejected/old/replay", new Answer(410, "{\"error\":\"original_gone\",\"message\":\"retention deleted it\"}"));
        answers.put("GET /admin/dlq", new Answer(400,
            "{\"error\":\"invalid_parameter\",\"message\":\"reason: unknown dlq reason 'gon' (did you mean 'gone'?)\",\"field\":\"reason\"}"));
        answers.put("GET /admin/rejected", new Answer(503, "{\"error\":\"kafka_unavailable\",\"message\":\"Kafka did not answer\"}"));
        answers.put("GET /admin/rejected/x", new Answer(500,
            "{\"error\":\"internal_error\",\"message\":\"the admin API failed unexpectedly; the log has request req_1\",\"requestId\":\"req_1\"}"));
        answers.put("GET /admin/dlq/locked", new Answer(401, "{\"error\":\"unauthorized\",\"message\":\"a valid bearer token is required\"}"));

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
        assertThat(requests).as("nothing asked of the server").isEmpty();
    }

    @Test
    void relativeTimesAreSentAsInstants() {
        answers.put("GET /admin/dlq", new Answer(200, "{\"entries\":[],\"nextCursor\":null}"));
        final java.time.Instant before = java.time.Instant.now();
        assertThat(run("dlq", "list", "--since", "1h", "--until", "yesterday", "--admin", admin)).isEqualTo(ExitCodes.OK);
        final String query = requests.get(0);
        final java.time.Instant since = java.time.Instant.parse(query.replaceAll(".*since=([^&]+).*", "$1"));
        assertThat(since).isBetween(before.minusSeconds(3600 + 5), java.time.Instant.now().minusSeconds(3600));
        assertThat(query).contains("until=" + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minusSeconds(86_400));
        assertThat(run("dlq", "list", "--since", "2026-11-23", "--admin", admin)).isEqualTo(ExitCodes.OK);
        assertThat(requests.get(1)).contains("since=2026-11-23T00:00:00Z");
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
        answers.put("GET /admin/dlq/html", new Answer(200, "<html>a login page</html>"));
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
        assertThat(requests).as("nothing asked of the server").isEmpty();

        answers.put("POST /admin/dlq/replay", new Answer(200,
            "{\"matched\":1,\"replayed\":1,\"skipped\":0,\"dryRun\":true,\"until\":\"2026-11-23T10:00:00Z\"}"));
        answers.put("GET /admin/dlq", new Answer(200, "{\"entries\":[{\"id\":\"dlq_1\"}],\"nextCursor\":null}"));
        answers.put("POST /admin/dlq/dlq_1/replay", new Answer(200, "{\"id\":\"dlq_1\",\"replayed\":true}"));
        assertThat(run("dlq", "replay", "--all", "--admin", admin)).isZero();
        final JsonNode counted = Json.mapper().readTree(bodies.get(0));
        assertThat(counted.get("all").asBoolean()).isTrue();
        assertThat(counted.get("dryRun").asBoolean()).isTrue();
        assertThat(counted.has("subscription")).as("no null filters sent").isFalse();
        assertThat(requests.get(1)).startsWith("GET /admin/dlq?").contains("until=2026-11-23T10:00:00Z");
        assertThat(requests.get(2)).isEqualTo("POST /admin/dlq/dlq_1/replay?force=false");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("matched 1, replayed 1, skipped 0");
    }

    @Test
    void aReplayByFilterGoesOnPastEntriesWhoseOriginalIsGoneAndSaysSo() {
        answers.put("POST /admin/rejected/replay", new Answer(200,
            "{\"matched\":2,\"replayed\":2,\"skipped\":0,\"dryRun\":true,\"until\":\"2026-11-23T10:00:00Z\"}"));
        answers.put("GET /admin/rejected", new Answer(200, "{\"entries\":[{\"id\":\"rej_0_1\"},{\"id\":\"rej_0_2\"}]}"));
        answers.put("POST /admin/rejected/rej_0_1/replay", new Answer(410, "{\"error\":\"original_gone\",\"message\":\"retention\"}"));
        answers.put("POST /admin/rejected/rej_0_2/replay", new Answer(200, "{\"id\":\"rej_0_2\",\"replayed\":true}"));
        assertThat(run("rejected", "replay", "--source", "stripe", "--admin", admin)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(requests).contains("POST /admin/rejected/rej_0_2/replay?force=false");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("matched 2, replayed 1, skipped 0");
        assertThat(err()).contains("1 of 2 not replayed: their originals are gone");
    }

    @Test
    void tablesFitTheirContentAndSayWhenMoreFollow() throws Exception {
        final String longId = "dlq_0123456789abcdef0123456789abcdef0123456789";
        answers.put("GET /admin/dlq", new Answer(200, "{\"entries\":[{\"id\":\"" + longId + "\",\"at\":\"2026-11-23T10:00:00.123456789Z\","
            + "\"subscription\":\"billing\",\"source\":\"stripe\",\"eventId\":\"evt_1NqpJ2LkdIwHu7ix0123456789abcdef\","
            + "\"reason\":\"exhausted\",\"attempts\":[{},{}],\"replay\":{\"count\":0}}],\"nextCursor\":\"c_42\"}"));
        answers.put("GET /admin/rejected", new Answer(200, "{\"entries\":[{\"id\":\"rej_1\",\"at\":\"2026-11-23T10:00:00Z\","
            + "\"source\":\"github\",\"reason\":\"bad_signature\",\"replay\":{\"count\":1}}],\"nextCursor\":null}"));
        assertThat(run("dlq", "list", "--limit", "1", "--admin", admin)).isZero();
        final String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains(longId + "  2026-11-23 10:00:00Z  billing").contains("evt_1NqpJ2LkdIwHu7ix0123456789abcdef")
            .contains("1 entry\n").contains("more entries follow: add --cursor c_42").doesNotContain("…", ".123456789");
        final List<String> lines = table.lines().toList();
        assertThat(lines.get(0).indexOf("AT")).as("columns aligned").isEqualTo(lines.get(1).indexOf("2026"));
        out.reset();
        assertThat(run("dlq", "list", "--cursor", "c_42", "--json", "--admin", admin)).isZero();
        assertThat(requests.get(requests.size() - 1)).contains("cursor=c_42");
        assertThat(Json.mapper().readTree(out.toString(StandardCharsets.UTF_8)).get("nextCursor").asText()).isEqualTo("c_42");
        out.reset();
        assertThat(run("rejected", "list", "--admin", admin)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("SUBSCRIPTION", "ATTEMPTS", "more entries").contains("yes");
        out.reset();
        answers.put("POST /admin/dlq/replay", new Answer(200,
            "{\"matched\":4,\"replayed\":3,\"skipped\":1,\"gone\":0,\"dryRun\":true,\"until\":\"2026-11-23T10:00:00Z\"}"));
        assertThat(run("dlq", "replay", "--all", "--dry-run", "--json", "--admin", admin)).isZero();
        final JsonNode dry = Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("replayed").asLong()).isEqualTo(3);
        out.reset();
        assertThat(run("dlq", "replay", "--all", "--dry-run", "--admin", admin)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dry run, nothing replayed: matched 4, would replay 3, skipped 1");
    }

    @Test
    void theHelpListsTheExitCodes() {
        assertThat(Hookgate.run("dlq", "replay", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Exit codes:", "0   done", "2   bad usage, input or configuration",
            "3   no such entry", "4   conflict", "5   gateway or Kafka unreachable", "6   token refused", "1   unexpected failure");
    }
}

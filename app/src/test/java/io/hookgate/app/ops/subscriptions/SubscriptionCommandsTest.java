package io.hookgate.app.ops.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.Hookgate;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.ops.AdminCommand;
import io.hookgate.app.testing.StdStreams;
import io.hookgate.app.testing.StubAdmin;
import io.hookgate.core.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hookgate subscriptions ...} against a stub admin API: the request each subcommand sends
 * (method, path, only the fields given), what it prints for people and with {@code --json}, and the
 * exit code of each kind of refusal.
 */
class SubscriptionCommandsTest {

    private static final String TOKEN = "cli-test-token-000000";
    private static final String BILLING = """
        {"id":"billing","state":"enabled","origin":"api","tenant":"acme","description":"invoices to billing",
         "url":"https://billing.example.com/hooks","sources":["stripe","app"],"eventTypes":["invoice.*","charge.succeeded"],
         "timeout":"10s","rateLimitPerSecond":50,"maxInFlight":8,"allowInsecureUrl":false,
         "createdAt":"2026-11-23T10:00:00.123Z","updatedAt":"2026-11-23T11:30:00Z"}""";
    private static final String DEMO = """
        {"id":"demo-receiver","state":"disabled","origin":"config","url":"http://127.0.0.1:8090/demo-receiver","sources":["demo"],
         "eventTypes":[],"allowInsecureUrl":true}""";

    @RegisterExtension
    final StdStreams streams = new StdStreams();
    @RegisterExtension
    final StubAdmin stub = new StubAdmin();
    @TempDir
    Path devDir;
    private String admin;

    @BeforeEach
    void start() {
        admin = stub.url();
    }

    private int run(final String... args) {
        return StubAdmin.commandLine(Map.of(AdminCommand.TOKEN_ENV, TOKEN), devDir).execute(args);
    }

    private JsonNode sent(final int request) throws Exception {
        return Json.mapper().readTree(stub.bodies().get(request));
    }

    private static JsonNode json(final String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void listPrintsATableSizedToItsContentWithTheFiltersInTheQuery() throws Exception {
        stub.answer("GET /admin/subscriptions", 200, "{\"entries\":[" + BILLING + "," + DEMO + "]}");
        assertThat(run("subscriptions", "list", "--tenant", "acme", "--source", "stripe", "--admin", admin)).isZero();
        assertThat(stub.requests()).containsExactly("GET /admin/subscriptions?tenant=acme&source=stripe");
        assertThat(stub.authorizations()).containsExactly("Bearer " + TOKEN);
        final List<String> lines = streams.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches("ID +STATE +ORIGIN +TENANT +SOURCES +EVENT TYPES +URL");
        assertThat(lines.get(1)).matches("billing +enabled +api +acme +stripe,app +invoice\\.\\*,charge\\.succeeded +"
            + "https://billing\\.example\\.com/hooks");
        assertThat(lines.get(2)).matches("demo-receiver +disabled +config +- +demo +all +http://127\\.0\\.0\\.1:8090/demo-receiver");
        assertThat(lines.get(3)).isEqualTo("2 subscriptions");
        final Map<String, List<String>> cells = Map.of("STATE", List.of("enabled", "disabled"), "ORIGIN", List.of("api", "config"),
            "SOURCES", List.of("stripe,app", "demo "), "EVENT TYPES", List.of("invoice.*", "all"), "URL", List.of("https:", "http:"));
        cells.forEach((title, values) -> {
            assertThat(lines.get(1).indexOf(values.get(0))).as(title + " aligned").isEqualTo(lines.get(0).indexOf(title));
            assertThat(lines.get(2).indexOf(values.get(1))).as(title + " aligned").isEqualTo(lines.get(0).indexOf(title));
        });
        assertThat(lines.get(0).indexOf("ID")).isZero();
        assertThat(lines.get(0).indexOf("STATE")).as("as wide as the longest id").isEqualTo("demo-receiver".length() + 2);

        streams.reset();
        assertThat(run("subscriptions", "list", "--json", "--admin", admin)).isZero();
        assertThat(stub.requests().get(1)).isEqualTo("GET /admin/subscriptions");
        assertThat(json(streams.out())).isEqualTo(json("{\"entries\":[" + BILLING + "," + DEMO + "]}"));

        stub.answer("GET /admin/subscriptions", 200, "{\"entries\":[]}");
        streams.reset();
        assertThat(run("subscriptions", "list", "--admin", admin)).isZero();
        assertThat(streams.out()).endsWith("0 subscriptions\n");
    }

    @Test
    void showPrintsEveryFieldALineAndNeverASecret() throws Exception {
        stub.answer("GET /admin/subscriptions/billing", 200, BILLING.replace("{\"id\"", "{\"secret\":\"whsec_leaked\",\"id\""));
        assertThat(run("subscriptions", "show", "billing", "--admin", admin)).isZero();
        assertThat(stub.requests()).containsExactly("GET /admin/subscriptions/billing");
        final String out = streams.out();
        assertThat(out.lines().toList()).containsExactly(
            "id                  billing",
            "state               enabled",
            "origin              api",
            "tenant              acme",
            "description         invoices to billing",
            "url                 https://billing.example.com/hooks",
            "sources             stripe, app",
            "eventTypes          invoice.*, charge.succeeded",
            "timeout             10s",
            "rateLimitPerSecond  50",
            "maxInFlight         8",
            "allowInsecureUrl    false",
            "createdAt           2026-11-23 10:00:00Z",
            "updatedAt           2026-11-23 11:30:00Z");
        assertThat(out).doesNotContain("whsec_leaked");

        stub.answer("GET /admin/subscriptions/demo-receiver", 200, DEMO);
        streams.reset();
        assertThat(run("subscriptions", "show", "demo-receiver", "--json", "--admin", admin)).isZero();
        assertThat(json(streams.out())).isEqualTo(json(DEMO));
        streams.reset();
        assertThat(run("subscriptions", "show", "demo-receiver", "--admin", admin)).isZero();
        assertThat(streams.out()).contains("eventTypes        all\n").doesNotContain("tenant");

        stub.answer("GET /admin/subscriptions/gone", 404, "{\"error\":\"not_found\",\"message\":\"no subscription gone\"}");
        assertThat(run("subscriptions", "show", "gone", "--admin", admin)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(streams.err()).contains("hookgate: not_found: no subscription gone");
    }

    @Test
    void createSendsOnlyTheFieldsGivenAndShowsTheSecretOnce() throws Exception {
        final String created = BILLING.replace("{\"id\"", "{\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\",\"id\"");
        stub.answer("POST /admin/subscriptions", 201, created);
        assertThat(run("subscriptions", "create", "--url", "https://billing.example.com/hooks", "--source", "stripe", "--source", "app",
            "--event-type", "invoice.*,charge.succeeded", "--id", "billing", "--timeout", "10s", "--rate-limit", "50",
            "--max-in-flight", "8", "--tenant", "acme", "--description", "invoices to billing", "--admin", admin)).isZero();
        assertThat(stub.requests()).containsExactly("POST /admin/subscriptions");
        assertThat(sent(0)).isEqualTo(json("""
            {"id":"billing","url":"https://billing.example.com/hooks","sources":["stripe","app"],
             "eventTypes":["invoice.*","charge.succeeded"],"timeout":"10s","rateLimitPerSecond":50,"maxInFlight":8,"tenant":"acme",
             "description":"invoices to billing"}"""));
        final String out = streams.out();
        assertThat(out).startsWith("created subscription billing\nid ").contains("url                 https://billing.example.com/hooks")
            .contains("shown only now").contains("\n  whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n");
        assertThat(out.split("whsec_", -1)).as("the secret printed once").hasSize(2);

        assertThat(run("subscriptions", "create", "--url", "http://127.0.0.1:3000/hook", "--source", "demo", "--allow-insecure-url",
            "--secret", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "--admin", admin)).isZero();
        assertThat(sent(1)).isEqualTo(json("""
            {"url":"http://127.0.0.1:3000/hook","sources":["demo"],"secret":"whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
             "allowInsecureUrl":true}"""));

        streams.reset();
        assertThat(run("subscriptions", "create", "--url", "https://b.example.com", "--source", "stripe", "--json", "--admin", admin))
            .isZero();
        assertThat(json(streams.out())).as("the API's answer, secret included").isEqualTo(json(created));
    }

    @Test
    void createChecksWhatItCanBeforeAnythingIsSent() {
        assertThat(run("subscriptions", "create", "--source", "stripe", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(streams.err()).contains("hookgate: a subscription needs --url and at least one --source");
        assertThat(run("subscriptions", "create", "--url", "https://b.example.com", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(run("subscriptions", "create", "--url", "https://b.example.com", "--source", "s", "--timeout", "10 seconds",
            "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(streams.err()).contains("--timeout '10 seconds' is not a duration");
        assertThat(run("subscriptions", "create", "--url", "https://b.example.com", "--source", "s", "--rate-limit", "many",
            "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(stub.requests()).as("nothing asked of the server").isEmpty();
        assertThat(streams.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aRefusedSubscriptionListsEveryProblemAndExitsTwo() {
        stub.answer("POST /admin/subscriptions", 400, """
            {"error":"invalid_subscription","message":"the subscription has 2 problems","problems":[
              {"path":"url","message":"resolves to a loopback address (127.0.0.1); allowInsecureUrl: true allows it"},
              {"path":"eventTypes[0]","message":"unknown_event_type 'invoice.piad' matches no event type of source stripe; did you mean invoice.paid?"}]}""");
        assertThat(run("subscriptions", "create", "--url", "https://127.0.0.1/hook", "--source", "stripe", "--event-type", "invoice.piad",
            "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(streams.err()).isEqualTo("""
            hookgate: invalid_subscription: the subscription has 2 problems
              url: resolves to a loopback address (127.0.0.1); allowInsecureUrl: true allows it
              eventTypes[0]: unknown_event_type 'invoice.piad' matches no event type of source stripe; did you mean invoice.paid?
            """);
        assertThat(streams.out()).isEmpty();

        stub.answer("POST /admin/subscriptions", 409, "{\"error\":\"subscription_exists\",\"message\":\"a subscription billing exists\"}");
        streams.reset();
        assertThat(run("subscriptions", "create", "--id", "billing", "--url", "https://b.example.com", "--source", "stripe",
            "--admin", admin)).isEqualTo(ExitCodes.CONFLICT);
        assertThat(streams.err()).isEqualTo("hookgate: subscription_exists: a subscription billing exists\n");
    }

    @Test
    void updatePatchesOnlyTheFieldsGiven() throws Exception {
        stub.answer("PATCH /admin/subscriptions/billing", 200, BILLING);
        assertThat(run("subscriptions", "update", "billing", "--url", "https://billing.example.com/v2", "--allow-insecure-url=false",
            "--all-event-types", "--admin", admin)).isZero();
        assertThat(stub.requests()).containsExactly("PATCH /admin/subscriptions/billing");
        assertThat(sent(0)).isEqualTo(json("{\"url\":\"https://billing.example.com/v2\",\"eventTypes\":[],\"allowInsecureUrl\":false}"));
        assertThat(streams.out()).startsWith("updated subscription billing\n").contains("rateLimitPerSecond  50");

        assertThat(run("subscriptions", "update", "billing", "--rate-limit", "20", "--allow-insecure-url", "--admin", admin)).isZero();
        assertThat(sent(1)).isEqualTo(json("{\"rateLimitPerSecond\":20,\"allowInsecureUrl\":true}"));
        assertThat(run("subscriptions", "update", "--description", "", "--allow-insecure-url", "billing", "--admin", admin)).isZero();
        assertThat(sent(2)).as("a flag before the ID leaves the ID alone")
            .isEqualTo(json("{\"allowInsecureUrl\":true,\"description\":\"\"}"));
        streams.reset();
        assertThat(run("subscriptions", "update", "billing", "--timeout", "5s", "--json", "--admin", admin)).isZero();
        assertThat(json(streams.out())).isEqualTo(json(BILLING));

        assertThat(run("subscriptions", "update", "billing", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(streams.err()).contains("nothing to change: give at least one of --url");
        assertThat(run("subscriptions", "update", "billing", "--event-type", "a.*", "--all-event-types", "--admin", admin))
            .isEqualTo(ExitCodes.USAGE);
        assertThat(stub.requests()).hasSize(4);

        stub.answer("PATCH /admin/subscriptions/demo-receiver", 409,
            "{\"error\":\"declared_in_config\",\"message\":\"demo-receiver is declared in the configuration file; change it there\"}");
        assertThat(run("subscriptions", "update", "demo-receiver", "--url", "https://x.example.com", "--admin", admin))
            .isEqualTo(ExitCodes.CONFLICT);
        assertThat(streams.err()).contains("hookgate: declared_in_config: demo-receiver is declared in the configuration file");
        assertThat(run("subscriptions", "update", "nobody", "--url", "https://x.example.com", "--admin", admin))
            .isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void deleteDisableAndEnableSayWhatTheyDid() throws Exception {
        stub.answer("DELETE /admin/subscriptions/billing", 204, "");
        assertThat(run("subscriptions", "delete", "billing", "--admin", admin)).isZero();
        assertThat(streams.out()).isEqualTo("deleted subscription billing (tasks of it still waiting end in the DLQ as "
            + "unknown_subscription)\n");
        streams.reset();
        assertThat(run("subscriptions", "delete", "billing", "--json", "--admin", admin)).isZero();
        assertThat(json(streams.out())).isEqualTo(json("{\"id\":\"billing\",\"deleted\":true}"));

        stub.answer("POST /admin/subscriptions/billing/disable", 200, "{\"id\":\"billing\",\"state\":\"disabled\"}");
        stub.answer("POST /admin/subscriptions/billing/enable", 200, "{\"id\":\"billing\",\"state\":\"enabled\"}");
        streams.reset();
        assertThat(run("subscriptions", "disable", "billing", "--admin", admin)).isZero();
        assertThat(run("subscriptions", "enable", "billing", "--admin", admin)).isZero();
        assertThat(streams.out()).isEqualTo("subscription billing is disabled\nsubscription billing is enabled\n");
        streams.reset();
        assertThat(run("subscriptions", "disable", "billing", "--json", "--admin", admin)).isZero();
        assertThat(json(streams.out())).isEqualTo(json("{\"id\":\"billing\",\"state\":\"disabled\"}"));
        assertThat(stub.requests()).containsExactly("DELETE /admin/subscriptions/billing", "DELETE /admin/subscriptions/billing",
            "POST /admin/subscriptions/billing/disable", "POST /admin/subscriptions/billing/enable",
            "POST /admin/subscriptions/billing/disable");
        assertThat(sent(2)).isEqualTo(json("{}"));

        stub.answer("DELETE /admin/subscriptions/demo-receiver", 409,
            "{\"error\":\"declared_in_config\",\"message\":\"demo-receiver is declared in the configuration file\"}");
        assertThat(run("subscriptions", "delete", "demo-receiver", "--admin", admin)).isEqualTo(ExitCodes.CONFLICT);
        assertThat(run("subscriptions", "enable", "nobody", "--admin", admin)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(streams.err()).contains("hookgate: declared_in_config: ").contains("hookgate: not_found: ");
    }

    @Test
    void rotateSecretSendsWhatIsGivenAndPrintsTheNewSecret() throws Exception {
        stub.answer("POST /admin/subscriptions/billing/secret", 200, "{\"secret\":\"whsec_bmV3LXNlY3JldC1vZi1iaWxsaW5nLTAwMDA=\"}");
        assertThat(run("subscriptions", "rotate-secret", "billing", "--keep-previous-for", "24h", "--admin", admin)).isZero();
        assertThat(stub.requests()).containsExactly("POST /admin/subscriptions/billing/secret");
        assertThat(sent(0)).isEqualTo(json("{\"keepPreviousFor\":\"24h\"}"));
        assertThat(streams.out()).contains("shown only now").contains("\n  whsec_bmV3LXNlY3JldC1vZi1iaWxsaW5nLTAwMDA=\n")
            .contains("the previous one signs beside it for 24h");

        streams.reset();
        assertThat(run("subscriptions", "rotate-secret", "billing", "--secret", "whsec_bmV3LXNlY3JldC1vZi1iaWxsaW5nLTAwMDA=", "--json",
            "--admin", admin)).isZero();
        assertThat(sent(1)).isEqualTo(json("{\"secret\":\"whsec_bmV3LXNlY3JldC1vZi1iaWxsaW5nLTAwMDA=\"}"));
        assertThat(json(streams.out())).isEqualTo(json("{\"secret\":\"whsec_bmV3LXNlY3JldC1vZi1iaWxsaW5nLTAwMDA=\"}"));
        assertThat(run("subscriptions", "rotate-secret", "billing", "--admin", admin)).isZero();
        assertThat(sent(2)).isEqualTo(json("{}"));

        assertThat(run("subscriptions", "rotate-secret", "billing", "--keep-previous-for", "a day", "--admin", admin))
            .isEqualTo(ExitCodes.USAGE);
        assertThat(streams.err()).contains("--keep-previous-for 'a day' is not a duration");
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void theCommandFindsTheGatewayAsDlqDoesAndItsHelpListsEverySubcommand() {
        assertThat(StubAdmin.commandLine(Map.of(), devDir).execute("subscriptions", "list", "--admin", admin)).isEqualTo(ExitCodes.USAGE);
        assertThat(streams.err()).contains("no admin token: set HOOKGATE_ADMIN_TOKEN");
        stub.answer("GET /admin/subscriptions", 200, "{\"entries\":[]}");
        assertThat(StubAdmin.commandLine(Map.of("HOOKGATE_ADMIN_URL", admin, AdminCommand.TOKEN_ENV, TOKEN), devDir)
            .execute("subscriptions", "list")).isZero();
        assertThat(run("subscriptions", "lst")).isEqualTo(ExitCodes.USAGE);
        assertThat(streams.err()).contains("unknown command 'lst'; did you mean 'list'?");
        streams.reset();
        assertThat(Hookgate.run("subscriptions", "--help")).isZero();
        assertThat(streams.out()).contains("list", "show", "create", "update", "delete", "disable", "enable", "rotate-secret",
            "Exit codes:");
        streams.reset();
        assertThat(Hookgate.run("--help")).isZero();
        assertThat(streams.out()).contains("subscriptions");
    }
}

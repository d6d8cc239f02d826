package io.hookgate.admin.internals.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.TestAdmin;
import io.hookgate.admin.TestConfigs;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.SecretBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.hookgate.admin.TestAdmin.error;
import static io.hookgate.admin.TestAdmin.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The subscriptions routes over HTTP, on an in-memory topic and table: what a create, change,
 * rotation and state change write and answer; validation that lists every problem with its path
 * and never answers 500; secrets never answered but once; tenants that see only their own.
 */
class SubscriptionApiTest {

    static final String OPERATOR = "operator-token-000000000001";
    static final String ACME = "acme-tenant-token-0000000001";
    static final String BETA = "beta-tenant-token-0000000001";
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String OTHER_SECRET = "whsec_c2VjcmV0LWtleS1iLTEyMzQ1Njc4OTA=";
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final String KEY = SecretBox.newKey();

    static HookgateConfig config(final String adminExtra) {
        return TestConfigs.parse("""
            admin:
              token: %s
              tokens: [{token: %s, tenant: acme}, {token: %s, tenant: beta}]
              %s
            sources:
              shop: {provider: standard-webhooks, eventTypes: [order.created, order.paid, refund.issued]}
              acme-shop: {provider: standard-webhooks, tenant: acme}
              beta-shop: {provider: standard-webhooks, tenant: beta}
            subscriptions:
              audit: {url: "https://audit.example.com/hook", sources: [shop], secret: %s}
              acme-file: {url: "https://acme.example.com/hook", sources: [acme-shop], tenant: acme, secret: %s}
            """.formatted(OPERATOR, ACME, BETA, adminExtra, SECRET, SECRET));
    }

    InMemorySubscriptions subscriptions;
    TestAdmin admin;

    @BeforeEach
    void start(@TempDir final Path dir) {
        final HookgateConfig config = config("secretsKey: \"" + KEY + "\"");
        final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        subscriptions = new InMemorySubscriptions(config, clock);
        admin = new TestAdmin(dir, config, subscriptions, List.of(new SubscriptionApi(config, subscriptions, subscriptions, clock)), clock);
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    HttpResponse<String> call(final String token, final String method, final String path, final String body) throws Exception {
        return admin.call(token, method, path, body);
    }

    /** Path to messages of a {@code 400 invalid_subscription} answer. */
    static Map<String, List<String>> problems(final HttpResponse<String> response) throws Exception {
        final JsonNode body = json(response, 400);
        assertThat(body.path("error").asText()).as(response.body()).isEqualTo("invalid_subscription");
        assertThat(body.path("message").asText()).isNotBlank();
        final Map<String, List<String>> problems = new LinkedHashMap<>();
        for (JsonNode problem : body.path("problems")) {
            problems.computeIfAbsent(problem.path("path").asText(), ignored -> new ArrayList<>()).add(problem.path("message").asText());
        }
        assertThat(problems).as(response.body()).isNotEmpty();
        return problems;
    }

    @Test
    void aCreateAnswersTheSubscriptionAndItsSecretOnceAndNothingElseEverShowsTheSecret() throws Exception {
        final HttpResponse<String> created = call(OPERATOR, "POST", "/admin/subscriptions", """
            {"url": "https://billing.example.com/hooks", "sources": ["shop"], "eventTypes": ["order.*"], "timeout": "5000ms",
             "rateLimitPerSecond": 50, "maxInFlight": 8, "description": "billing"}""");
        final JsonNode body = json(created, 201);
        final String id = body.path("id").asText();
        assertThat(id).startsWith("sub_").matches("[A-Za-z0-9_-]{1,64}");
        assertThat(created.headers().firstValue("Location")).contains("/admin/subscriptions/" + id);
        final String secret = body.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
        assertThat(body.path("url").asText()).isEqualTo("https://billing.example.com/hooks");
        assertThat(body.path("sources")).extracting(JsonNode::asText).containsExactly("shop");
        assertThat(body.path("eventTypes")).extracting(JsonNode::asText).containsExactly("order.*");
        assertThat(body.path("timeout").asText()).isEqualTo("5s");
        assertThat(body.path("rateLimitPerSecond").asInt()).isEqualTo(50);
        assertThat(body.path("maxInFlight").asInt()).isEqualTo(8);
        assertThat(body.path("allowInsecureUrl").asBoolean()).isFalse();
        assertThat(body.path("description").asText()).isEqualTo("billing");
        assertThat(body.path("state").asText()).isEqualTo("enabled");
        assertThat(body.path("origin").asText()).isEqualTo("api");
        assertThat(body.path("createdAt").asText()).isEqualTo(NOW.toString());
        assertThat(body.path("updatedAt").asText()).isEqualTo(NOW.toString());
        assertThat(body.has("tenant")).isTrue();
        assertThat(body.path("tenant").isNull()).isTrue();

        // The record holds the keys as the file spells them, and the secret sealed only.
        final var record = subscriptions.stored(id).orElseThrow();
        assertThat(record.settings().fieldNames()).toIterable().containsExactly("url", "sources", "eventTypes", "timeout",
            "rateLimitPerSecond", "maxInFlight");
        assertThat(record.settings().path("timeout").asText()).isEqualTo("5000ms");
        assertThat(Json.writeString(record)).doesNotContain(secret);
        assertThat(subscriptions.find(id).orElseThrow().config().secrets()).containsExactly(secret);

        final HttpResponse<String> shown = call(OPERATOR, "GET", "/admin/subscriptions/" + id, null);
        assertThat(json(shown, 200).has("secret")).isFalse();
        assertThat(shown.body()).doesNotContain(secret);
        final HttpResponse<String> listed = call(OPERATOR, "GET", "/admin/subscriptions", null);
        assertThat(json(listed, 200).path("entries")).extracting(entry -> entry.path("id").asText())
            .containsExactly("audit", "acme-file", id);
        assertThat(listed.body()).doesNotContain(secret).doesNotContain(SECRET);
        // The file's subscriptions are listed with their origin, never changed so far.
        final JsonNode audit = json(call(OPERATOR, "GET", "/admin/subscriptions/audit", null), 200);
        assertThat(audit.path("origin").asText()).isEqualTo("config");
        assertThat(audit.path("createdAt").isNull()).isTrue();
        assertThat(audit.path("timeout").asText()).isEqualTo("10s");
    }

    @Test
    void aCreateWithItsOwnIdAndSecretKeepsThemAndAnIdTakenIsAConflict() throws Exception {
        final JsonNode body = json(call(OPERATOR, "POST", "/admin/subscriptions",
            "{\"id\": \"crm\", \"url\": \"https://crm.example.com/h\", \"sources\": [\"shop\"], \"secret\": \"" + OTHER_SECRET + "\"}"), 201);
        assertThat(body.path("id").asText()).isEqualTo("crm");
        assertThat(body.path("secret").asText()).isEqualTo(OTHER_SECRET);
        for (String id : List.of("crm", "audit")) {
            final HttpResponse<String> again = call(OPERATOR, "POST", "/admin/subscriptions",
                "{\"id\": \"" + id + "\", \"url\": \"https://other.example.com/h\", \"sources\": [\"shop\"]}");
            assertThat(error(again, 409)).isEqualTo("subscription_exists");
        }
        assertThat(subscriptions.writes()).containsExactly("crm");
    }

    @Test
    void everyProblemIsListedWithItsPathInTheBody() throws Exception {
        final Map<String, List<String>> problems = problems(call(OPERATOR, "POST", "/admin/subscriptions", """
            {"url": "http://10.0.0.1/hook", "sources": ["shop", "nope"], "timeout": "soon", "rateLimitPerSecond": "50",
             "maxInFlight": 0, "allowInsecureUrl": "yes", "secrt": "x", "description": 5, "id": "no spaces"}"""));
        assertThat(problems).containsOnlyKeys("secrt", "rateLimitPerSecond", "allowInsecureUrl", "description", "id", "url",
            "sources[1]", "timeout", "maxInFlight");
        assertThat(problems.get("secrt")).singleElement().asString().contains("unknown key").contains("did you mean 'secret'?");
        assertThat(problems.get("rateLimitPerSecond")).singleElement().asString().contains("whole number").contains("not a string");
        assertThat(problems.get("allowInsecureUrl")).singleElement().asString().contains("true or false");
        assertThat(problems.get("description")).singleElement().asString().contains("must be a string");
        assertThat(problems.get("id")).singleElement().asString().contains("letters, digits");
        assertThat(problems.get("url")).anySatisfy(message -> assertThat(message).contains("https"))
            .anySatisfy(message -> assertThat(message).contains("refused"));
        assertThat(problems.get("sources[1]")).singleElement().asString().contains("no source 'nope'");
        assertThat(problems.get("timeout")).singleElement().asString().contains("not a duration");
        assertThat(problems.get("maxInFlight")).singleElement().asString().isNotBlank();

        final Map<String, List<String>> types = problems(call(OPERATOR, "POST", "/admin/subscriptions",
            "{\"url\": 5, \"sources\": [\"shop\", 7], \"eventTypes\": \"order.*\", \"secret\": \"whsec_c2hvcnQ=\", \"tenant\": \"\"}"));
        assertThat(types).containsOnlyKeys("url", "sources[1]", "eventTypes", "secret", "tenant");
        assertThat(types.get("url")).singleElement().asString().isEqualTo("must be a string");
        assertThat(types.get("eventTypes")).singleElement().asString().isEqualTo("must be a list of strings");
        assertThat(types.get("secret")).singleElement().asString().contains("too short to sign safely").contains("hookgate secret new");

        final Map<String, List<String>> eventTypes = problems(call(OPERATOR, "POST", "/admin/subscriptions",
            "{\"url\": \"https://a.example.com/h\", \"sources\": [\"shop\"], \"eventTypes\": [\"order.*\", \"ordr.paid\", \"x.*\"]}"));
        assertThat(eventTypes).containsOnlyKeys("eventTypes[1]", "eventTypes[2]");
        assertThat(eventTypes.get("eventTypes[1]")).singleElement().asString().contains("unknown_event_type").contains("order.paid");

        assertThat(problems(call(OPERATOR, "POST", "/admin/subscriptions", ""))).containsOnlyKeys("url", "sources");
        assertThat(problems(call(OPERATOR, "POST", "/admin/subscriptions", "{\"url\": null, \"sources\": []}")))
            .containsOnlyKeys("url", "sources");
        assertThat(problems(call(OPERATOR, "POST", "/admin/subscriptions", "{\"url\": \"https://a.example.com/h\"")).get(""))
            .singleElement().asString().contains("not JSON");
        assertThat(problems(call(OPERATOR, "POST", "/admin/subscriptions", "[1]")).get("")).singleElement().asString()
            .contains("JSON object");
        assertThat(problems(call(OPERATOR, "POST", "/admin/subscriptions",
            "{\"url\": \"https://a.example.com/h\", \"url\": \"https://b.example.com/h\", \"sources\": [\"shop\"]}")).get(""))
            .singleElement().asString().contains("url");
        assertThat(subscriptions.writes()).as("nothing written").isEmpty();
    }

    @Test
    void noBodyEverAnswersAnInternalError() throws Exception {
        final List<String> bodies = List.of("null", "\"x\"", "42", "true", "{}", "{\"url\": {}}", "{\"url\": []}",
            "{\"sources\": {\"a\": 1}}", "{\"sources\": [null]}", "{\"eventTypes\": [null, {}, []]}", "{\"eventTypes\": [\"\"]}",
            "{\"timeout\": 5}", "{\"timeout\": \"-5s\"}", "{\"timeout\": \"99999999999d\"}", "{\"rateLimitPerSecond\": 1e309}",
            "{\"rateLimitPerSecond\": 99999999999}", "{\"rateLimitPerSecond\": -1}", "{\"maxInFlight\": 1.5}",
            "{\"id\": \"\"}", "{\"id\": \"" + "x".repeat(65) + "\"}", "{\"id\": 7}", "{\"secret\": \"whsec_!!!\"}", "{\"secret\": \"\"}",
            "{\"description\": \"" + "d".repeat(1001) + "\"}", "{\"url\": \"https://[::1]/x\", \"sources\": [\"shop\"]}",
            "{\"url\": \"https://user:pw@a.example.com/x\", \"sources\": [\"shop\"]}", "{\"url\": \"ftp://a.example.com/\", \"sources\": [\"shop\"]}",
            "{\"url\": \"https://2130706433/\", \"sources\": [\"shop\"]}", "{\"url\": \"::not a url::\", \"sources\": [\"shop\"]}",
            "{\"url\": \"https://a.example.com/h\", \"sources\": [\"shop\"], \"allowInsecureUrl\": null}",
            "[" .repeat(500) + "]".repeat(500), "{\"a\":" .repeat(300) + "1" + "}".repeat(300), "\u0000", "{\"\u0000\": 1}");
        json(call(OPERATOR, "POST", "/admin/subscriptions", "{\"id\": \"crm\", \"url\": \"https://crm.example.com/h\", \"sources\": [\"shop\"]}"),
            201);
        for (String body : bodies) {
            final HttpResponse<String> created = call(OPERATOR, "POST", "/admin/subscriptions", body);
            assertThat(created.statusCode()).as(body + " -> " + created.body()).isEqualTo(400);
            assertThat(Json.mapper().readTree(created.body()).path("error").asText()).as(body).isEqualTo("invalid_subscription");
            for (String[] request : List.of(new String[] {"PATCH", "/admin/subscriptions/crm"}, new String[] {"POST", "/admin/subscriptions/crm/secret"},
                new String[] {"POST", "/admin/subscriptions/crm/disable"})) {
                final HttpResponse<String> answer = call(OPERATOR, request[0], request[1], body);
                assertThat(answer.statusCode()).as(request[1] + " " + body + " -> " + answer.body()).isIn(200, 400);
                if (answer.statusCode() == 400) {
                    assertThat(Json.mapper().readTree(answer.body()).path("error").asText()).as(body).isNotBlank();
                }
            }
        }
        assertThat(subscriptions.find("crm")).isPresent();
    }

    @Test
    void aChangeIsAMergePatchCheckedAsAWhole() throws Exception {
        final String id = json(call(OPERATOR, "POST", "/admin/subscriptions",
            "{\"id\": \"crm\", \"url\": \"https://crm.example.com/h\", \"sources\": [\"shop\"], \"timeout\": \"3s\", \"description\": \"x\"}"),
            201).path("id").asText();
        final String secret = subscriptions.find(id).orElseThrow().config().secrets().get(0);
        final JsonNode changed = json(call(OPERATOR, "PATCH", "/admin/subscriptions/crm",
            "{\"url\": \"https://crm2.example.com/h\", \"timeout\": null, \"description\": null, \"eventTypes\": [\"refund.issued\"]}"), 200);
        assertThat(changed.path("url").asText()).isEqualTo("https://crm2.example.com/h");
        assertThat(changed.path("timeout").asText()).as("back to the default").isEqualTo("10s");
        assertThat(changed.path("description").isNull()).isTrue();
        assertThat(changed.path("eventTypes")).extracting(JsonNode::asText).containsExactly("refund.issued");
        assertThat(changed.path("sources")).extracting(JsonNode::asText).containsExactly("shop");
        assertThat(changed.has("secret")).isFalse();
        assertThat(subscriptions.find(id).orElseThrow().config().secrets()).as("the secret is kept").containsExactly(secret);

        final Map<String, List<String>> problems = problems(call(OPERATOR, "PATCH", "/admin/subscriptions/crm",
            "{\"sources\": [\"shop\", \"nope\"], \"eventTypes\": [\"ordr.paid\"], \"id\": \"other\", \"secret\": null, \"url\": null}"));
        assertThat(problems).containsOnlyKeys("sources[1]", "id", "secret", "url");
        assertThat(json(call(OPERATOR, "GET", "/admin/subscriptions/crm", null), 200).path("url").asText())
            .as("a refused change changes nothing").isEqualTo("https://crm2.example.com/h");

        final JsonNode newSecret = json(call(OPERATOR, "PATCH", "/admin/subscriptions/crm", "{\"secret\": \"" + OTHER_SECRET + "\"}"), 200);
        assertThat(newSecret.has("secret")).isFalse();
        assertThat(subscriptions.find(id).orElseThrow().config().secrets()).containsExactly(OTHER_SECRET);
        assertThat(subscriptions.stored(id).orElseThrow().createdAt()).isEqualTo(NOW);
    }

    @Test
    void theFilesSubscriptionsChangeOnlyTheirState() throws Exception {
        for (String[] request : List.of(new String[] {"PATCH", "/admin/subscriptions/audit", "{\"url\": \"https://x.example.com/\"}"},
            new String[] {"DELETE", "/admin/subscriptions/audit", null},
            new String[] {"POST", "/admin/subscriptions/audit/secret", "{}"})) {
            final HttpResponse<String> answer = call(OPERATOR, request[0], request[1], request[2]);
            assertThat(error(answer, 409)).isEqualTo("declared_in_config");
            assertThat(json(answer, 409).path("message").asText()).contains("configuration file").contains("/disable");
        }
        final JsonNode disabled = json(call(OPERATOR, "POST", "/admin/subscriptions/audit/disable", ""), 200);
        assertThat(disabled.path("state").asText()).isEqualTo("disabled");
        assertThat(disabled.path("origin").asText()).isEqualTo("config");
        assertThat(disabled.path("updatedAt").asText()).isEqualTo(NOW.toString());
        assertThat(subscriptions.find("audit").orElseThrow().enabled()).isFalse();
        assertThat(subscriptions.deliveringFrom("shop")).isEmpty();
        // Disabling again writes nothing; enabling writes the state.
        assertThat(json(call(OPERATOR, "POST", "/admin/subscriptions/audit/disable", "{}"), 200).path("state").asText()).isEqualTo("disabled");
        assertThat(json(call(OPERATOR, "POST", "/admin/subscriptions/audit/enable", ""), 200).path("state").asText()).isEqualTo("enabled");
        assertThat(subscriptions.writes()).containsExactly("audit", "audit");
        assertThat(error(call(OPERATOR, "POST", "/admin/subscriptions/audit/enable", "{\"now\": true}"), 400)).isEqualTo("invalid_body");
    }

    @Test
    void aRotationKeepsThePreviousSecretsAsLongAsAsked() throws Exception {
        json(call(OPERATOR, "POST", "/admin/subscriptions",
            "{\"id\": \"crm\", \"url\": \"https://crm.example.com/h\", \"sources\": [\"shop\"], \"secret\": \"" + SECRET + "\"}"), 201);
        final String second = json(call(OPERATOR, "POST", "/admin/subscriptions/crm/secret", "{\"keepPreviousFor\": \"24h\"}"), 200)
            .path("secret").asText();
        assertThat(second).startsWith("whsec_").isNotEqualTo(SECRET);
        assertThat(subscriptions.find("crm").orElseThrow().config().secrets()).containsExactly(second, SECRET);
        assertThat(subscriptions.stored("crm").orElseThrow().secrets()).extracting(s -> s.notAfter())
            .containsExactly(null, NOW.plusSeconds(86_400));
        // A rotation given its secret; the previous ones kept 1h, the oldest never past its own end.
        final JsonNode third = json(call(OPERATOR, "POST", "/admin/subscriptions/crm/secret",
            "{\"secret\": \"" + OTHER_SECRET + "\", \"keepPreviousFor\": \"1h\"}"), 200);
        assertThat(third.path("secret").asText()).isEqualTo(OTHER_SECRET);
        assertThat(third.size()).isEqualTo(1);
        assertThat(subscriptions.find("crm").orElseThrow().config().secrets()).containsExactly(OTHER_SECRET, second, SECRET);
        assertThat(subscriptions.stored("crm").orElseThrow().secrets()).extracting(s -> s.notAfter())
            .containsExactly(null, NOW.plusSeconds(3600), NOW.plusSeconds(3600));
        // By default the previous ones stop at once.
        final String fourth = json(call(OPERATOR, "POST", "/admin/subscriptions/crm/secret", ""), 200).path("secret").asText();
        assertThat(subscriptions.find("crm").orElseThrow().config().secrets()).containsExactly(fourth);

        final Map<String, List<String>> problems = problems(call(OPERATOR, "POST", "/admin/subscriptions/crm/secret",
            "{\"secret\": \"short\", \"keepPreviousFor\": \"forever\", \"keepPrevious\": \"1h\"}"));
        assertThat(problems).containsOnlyKeys("secret", "keepPreviousFor", "keepPrevious");
        assertThat(problems.get("keepPrevious")).singleElement().asString().contains("did you mean 'keepPreviousFor'?");
        assertThat(problems(call(OPERATOR, "POST", "/admin/subscriptions/crm/secret", "{\"keepPreviousFor\": \"31d\"}")))
            .containsOnlyKeys("keepPreviousFor");
        assertThat(problems(call(OPERATOR, "POST", "/admin/subscriptions/crm/secret", "{\"keepPreviousFor\": 3600}")))
            .containsOnlyKeys("keepPreviousFor");
    }

    @Test
    void aDeleteIsATombstoneAndUnknownIdsAreNotFound() throws Exception {
        json(call(OPERATOR, "POST", "/admin/subscriptions", "{\"id\": \"crm\", \"url\": \"https://crm.example.com/h\", \"sources\": [\"shop\"]}"),
            201);
        final HttpResponse<String> deleted = call(OPERATOR, "DELETE", "/admin/subscriptions/crm", null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(subscriptions.writes()).containsExactly("crm", "-crm");
        for (String[] request : List.of(new String[] {"GET", "/admin/subscriptions/crm", null},
            new String[] {"PATCH", "/admin/subscriptions/crm", "{}"}, new String[] {"DELETE", "/admin/subscriptions/crm", null},
            new String[] {"POST", "/admin/subscriptions/crm/secret", "{}"}, new String[] {"POST", "/admin/subscriptions/crm/disable", ""},
            new String[] {"POST", "/admin/subscriptions/crm/enable", ""})) {
            assertThat(error(call(OPERATOR, request[0], request[1], request[2]), 404)).as(request[0] + " " + request[1]).isEqualTo("not_found");
        }
        assertThat(error(call(OPERATOR, "GET", "/admin/subscriptions?tenants=acme", null), 400)).isEqualTo("invalid_parameter");
        assertThat(error(call(null, "GET", "/admin/subscriptions", null), 401)).isEqualTo("unauthorized");
    }

    @Test
    void listsFilterByTenantAndSource() throws Exception {
        json(call(OPERATOR, "POST", "/admin/subscriptions",
            "{\"id\": \"acme-api\", \"url\": \"https://a.example.com/h\", \"sources\": [\"acme-shop\"], \"tenant\": \"acme\"}"), 201);
        assertThat(ids(call(OPERATOR, "GET", "/admin/subscriptions?tenant=acme", null))).containsExactly("acme-file", "acme-api");
        assertThat(ids(call(OPERATOR, "GET", "/admin/subscriptions?source=shop", null))).containsExactly("audit");
        assertThat(ids(call(OPERATOR, "GET", "/admin/subscriptions?source=acme-shop&tenant=acme", null))).containsExactly("acme-file", "acme-api");
        assertThat(ids(call(OPERATOR, "GET", "/admin/subscriptions?tenant=beta", null))).isEmpty();
    }

    @Test
    void aTenantSeesAndChangesOnlyItsOwnAndNamesOnlyItsOwnSources() throws Exception {
        final JsonNode made = json(call(ACME, "POST", "/admin/subscriptions",
            "{\"id\": \"acme-api\", \"url\": \"https://a.example.com/h\", \"sources\": [\"acme-shop\"]}"), 201);
        assertThat(made.path("tenant").asText()).as("a tenant's subscription is of its tenant").isEqualTo("acme");
        assertThat(subscriptions.stored("acme-api").orElseThrow().tenant()).isEqualTo("acme");
        json(call(BETA, "POST", "/admin/subscriptions",
            "{\"id\": \"beta-api\", \"url\": \"https://b.example.com/h\", \"sources\": [\"beta-shop\"], \"tenant\": \"beta\"}"), 201);

        assertThat(ids(call(ACME, "GET", "/admin/subscriptions", null))).containsExactly("acme-file", "acme-api");
        assertThat(ids(call(BETA, "GET", "/admin/subscriptions", null))).containsExactly("beta-api");
        assertThat(ids(call(BETA, "GET", "/admin/subscriptions?tenant=acme", null))).isEmpty();
        assertThat(ids(call(OPERATOR, "GET", "/admin/subscriptions", null))).containsExactly("audit", "acme-file", "acme-api", "beta-api");

        // Another tenant's subscriptions, of the API or the file, and the operator's, do not exist for it.
        for (String id : List.of("acme-api", "acme-file", "audit")) {
            for (String[] request : List.of(new String[] {"GET", "", null}, new String[] {"PATCH", "", "{\"description\": \"mine\"}"},
                new String[] {"DELETE", "", null}, new String[] {"POST", "/secret", "{}"}, new String[] {"POST", "/disable", ""},
                new String[] {"POST", "/enable", ""})) {
                final HttpResponse<String> answer = call(BETA, request[0], "/admin/subscriptions/" + id + request[1], request[2]);
                assertThat(error(answer, 404)).as(request[0] + " " + id + request[1]).isEqualTo("not_found");
            }
        }
        assertThat(subscriptions.writes()).as("nothing changed").containsExactly("acme-api", "beta-api");

        // It may name only its tenant's sources: any other reads as no such source, whether it exists or not.
        for (String source : List.of("acme-shop", "shop", "nowhere")) {
            final Map<String, List<String>> problems = problems(call(BETA, "POST", "/admin/subscriptions",
                "{\"url\": \"https://b.example.com/h\", \"sources\": [\"" + source + "\"]}"));
            assertThat(problems).containsOnlyKeys("sources[0]");
            assertThat(problems.get("sources[0]")).singleElement().asString().startsWith("no source '" + source + "' is configured (")
                .doesNotContain("tenant").doesNotContain("belongs").doesNotContain("audit")
                .satisfies(message -> assertThat(message.replace("'" + source + "'", "")).doesNotContain("acme").doesNotContain("'shop'")
                    .contains("beta-shop"));
        }
        assertThat(problems(call(BETA, "POST", "/admin/subscriptions",
            "{\"url\": \"https://b.example.com/h\", \"sources\": [\"beta-shop\"], \"tenant\": \"acme\"}")).get("tenant"))
            .singleElement().asString().contains("own tenant only").contains("\"beta\"");
        assertThat(problems(call(BETA, "PATCH", "/admin/subscriptions/beta-api", "{\"tenant\": null}"))).containsOnlyKeys("tenant");
        assertThat(problems(call(BETA, "PATCH", "/admin/subscriptions/beta-api", "{\"sources\": [\"acme-shop\"]}")))
            .containsOnlyKeys("sources[0]");
        // Its own, it changes like the operator does.
        assertThat(json(call(BETA, "POST", "/admin/subscriptions/beta-api/disable", ""), 200).path("state").asText()).isEqualTo("disabled");
        assertThat(json(call(BETA, "POST", "/admin/subscriptions/beta-api/secret", "{}"), 200).path("secret").asText()).startsWith("whsec_");
        assertThat(call(BETA, "DELETE", "/admin/subscriptions/beta-api", null).statusCode()).isEqualTo(204);
        // The operator's subscriptions of a tenant must name that tenant's sources.
        assertThat(problems(call(OPERATOR, "POST", "/admin/subscriptions",
            "{\"url\": \"https://b.example.com/h\", \"sources\": [\"shop\"], \"tenant\": \"acme\"}")).get("sources[0]"))
            .singleElement().asString().contains("belongs to tenant (none)");
    }

    @Test
    void withoutASecretsKeyReadsWorkAndWritesThatSealSaySo(@TempDir final Path dir) throws Exception {
        final HookgateConfig config = config("");
        final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        final InMemorySubscriptions keyless = new InMemorySubscriptions(config, clock);
        try (TestAdmin bare = new TestAdmin(dir, config, keyless, List.of(new SubscriptionApi(config, keyless, keyless, clock)), clock)) {
            final HttpResponse<String> refused = bare.call(OPERATOR, "POST", "/admin/subscriptions",
                "{\"url\": \"https://a.example.com/h\", \"sources\": [\"shop\"]}");
            assertThat(error(refused, 409)).isEqualTo("secrets_key_missing");
            assertThat(json(refused, 409).path("message").asText()).contains("admin.secretsKey");
            assertThat(ids(bare.call(OPERATOR, "GET", "/admin/subscriptions", null))).containsExactly("audit", "acme-file");
            assertThat(json(bare.call(OPERATOR, "POST", "/admin/subscriptions/audit/disable", ""), 200).path("state").asText())
                .isEqualTo("disabled");
            assertThat(keyless.writes()).containsExactly("audit");
        }
    }

    @Test
    void onlyTheOperatorAllowsAnInsecureUrl() throws Exception {
        // A tenant giving it: a problem at allowInsecureUrl, and its URL judged without it.
        final Map<String, List<String>> privateUrl = problems(call(ACME, "POST", "/admin/subscriptions",
            "{\"url\": \"http://169.254.169.254/latest/meta-data\", \"sources\": [\"acme-shop\"], \"allowInsecureUrl\": true}"));
        assertThat(privateUrl).containsOnlyKeys("allowInsecureUrl", "url");
        assertThat(privateUrl.get("allowInsecureUrl")).singleElement().asString().contains("only the operator's token");
        assertThat(problems(call(ACME, "POST", "/admin/subscriptions",
            "{\"url\": \"https://a.example.com/h\", \"sources\": [\"acme-shop\"], \"allowInsecureUrl\": true}")))
            .containsOnlyKeys("allowInsecureUrl");
        json(call(ACME, "POST", "/admin/subscriptions",
            "{\"id\": \"acme-api\", \"url\": \"https://a.example.com/h\", \"sources\": [\"acme-shop\"], \"allowInsecureUrl\": false}"), 201);
        assertThat(problems(call(ACME, "PATCH", "/admin/subscriptions/acme-api",
            "{\"url\": \"http://127.0.0.1:9000/h\", \"allowInsecureUrl\": true}"))).containsOnlyKeys("allowInsecureUrl", "url");
        assertThat(subscriptions.find("acme-api").orElseThrow().config().allowInsecureUrl()).isFalse();

        // The operator's leave, on a tenant's subscription: the tenant changes the rest, not its URL while the leave holds.
        final JsonNode local = json(call(OPERATOR, "POST", "/admin/subscriptions", "{\"id\": \"acme-local\", \"url\": "
            + "\"http://127.0.0.1:3000/h\", \"sources\": [\"acme-shop\"], \"tenant\": \"acme\", \"allowInsecureUrl\": true}"), 201);
        assertThat(local.path("allowInsecureUrl").asBoolean()).isTrue();
        assertThat(json(call(ACME, "PATCH", "/admin/subscriptions/acme-local", "{\"description\": \"mine\"}"), 200)
            .path("allowInsecureUrl").asBoolean()).isTrue();
        assertThat(problems(call(ACME, "PATCH", "/admin/subscriptions/acme-local", "{\"url\": \"http://10.0.0.7/h\"}")).get("url"))
            .singleElement().asString().contains("only the operator's token may change its url");
        assertThat(problems(call(ACME, "PATCH", "/admin/subscriptions/acme-local", "{\"allowInsecureUrl\": true}")))
            .containsOnlyKeys("allowInsecureUrl");
        final JsonNode secured = json(call(ACME, "PATCH", "/admin/subscriptions/acme-local",
            "{\"url\": \"https://acme.example.com/h\", \"allowInsecureUrl\": false}"), 200);
        assertThat(secured.path("allowInsecureUrl").asBoolean()).isFalse();
        assertThat(json(call(OPERATOR, "PATCH", "/admin/subscriptions/acme-local",
            "{\"url\": \"http://127.0.0.1:3001/h\", \"allowInsecureUrl\": true}"), 200).path("url").asText())
            .isEqualTo("http://127.0.0.1:3001/h");
    }

    @Test
    void aDeletedIdIsNeverMadeAgainAndATenantLearnsOnlyThatAnIdIsTaken() throws Exception {
        json(call(ACME, "POST", "/admin/subscriptions", "{\"id\": \"crm\", \"url\": \"https://a.example.com/h\", \"sources\": [\"acme-shop\"]}"),
            201);
        assertThat(call(ACME, "DELETE", "/admin/subscriptions/crm", null).statusCode()).isEqualTo(204);
        assertThat(subscriptions.stored("crm")).get().extracting(r -> r.isDeleted()).isEqualTo(true);
        final String create = "{\"id\": \"%s\", \"url\": \"https://b.example.com/h\", \"sources\": [\"%s\"]}";
        final JsonNode operator = json(call(OPERATOR, "POST", "/admin/subscriptions", create.formatted("crm", "shop")), 409);
        assertThat(operator.path("error").asText()).isEqualTo("subscription_exists");
        assertThat(operator.path("message").asText()).contains("was deleted").contains("never used again");

        // A tenant: the same answer for a deleted id, another tenant's, the operator's and the file's.
        json(call(OPERATOR, "POST", "/admin/subscriptions", create.formatted("ops", "shop")), 201);
        final List<String> messages = new ArrayList<>();
        for (String id : List.of("crm", "ops", "audit", "acme-file")) {
            final JsonNode answer = json(call(BETA, "POST", "/admin/subscriptions", create.formatted(id, "beta-shop")), 409);
            assertThat(answer.path("error").asText()).as(id).isEqualTo("subscription_exists");
            messages.add(answer.path("message").asText().replace(id, "ID"));
        }
        assertThat(messages).as("nothing tells the file's or a deleted one's apart").containsOnly(messages.get(0));
        assertThat(messages.get(0)).doesNotContain("configuration file").doesNotContain("deleted subscription " ).contains("taken");
        assertThat(json(call(OPERATOR, "POST", "/admin/subscriptions", create.formatted("audit", "shop")), 409).path("message").asText())
            .contains("configuration file");
        assertThat(subscriptions.writes()).containsExactly("crm", "-crm", "ops");
    }

    @Test
    void theOperatorDeletesARecordThatCannotBeRead() throws Exception {
        json(call(ACME, "POST", "/admin/subscriptions", "{\"id\": \"crm\", \"url\": \"https://a.example.com/h\", \"sources\": [\"acme-shop\"]}"),
            201);
        subscriptions.markUnreadable("crm");
        assertThat(error(call(ACME, "DELETE", "/admin/subscriptions/crm", null), 404)).isEqualTo("not_found");
        assertThat(error(call(OPERATOR, "GET", "/admin/subscriptions/crm", null), 404)).isEqualTo("not_found");
        assertThat(call(OPERATOR, "DELETE", "/admin/subscriptions/crm", null).statusCode()).isEqualTo(204);
        assertThat(subscriptions.stored("crm")).get().satisfies(record -> {
            assertThat(record.isDeleted()).isTrue();
            assertThat(record.origin().code()).isEqualTo("api");
        });
        assertThat(error(call(OPERATOR, "DELETE", "/admin/subscriptions/crm", null), 404)).isEqualTo("not_found");
        // An unreadable record takes its id as any other does.
        subscriptions.markUnreadable("other");
        assertThat(json(call(OPERATOR, "POST", "/admin/subscriptions",
            "{\"id\": \"other\", \"url\": \"https://b.example.com/h\", \"sources\": [\"shop\"]}"), 409).path("message").asText())
            .contains("cannot be read");
        assertThat(subscriptions.writes()).containsExactly("crm", "-crm");
    }

    @Test
    void aChangeOfARecordAnotherWriterChangedMeanwhileIsAConflict() throws Exception {
        json(call(OPERATOR, "POST", "/admin/subscriptions", "{\"id\": \"crm\", \"url\": \"https://a.example.com/h\", \"sources\": [\"shop\"]}"),
            201);
        final var base = subscriptions.stored("crm").orElseThrow();
        // A dispatcher disables it between the change's read and its write.
        subscriptions.beforeNextWrite(() -> subscriptions.writeBehindTheBack(base.withState(
            io.hookgate.core.subscription.SubscriptionRecord.State.DISABLED, NOW.plusSeconds(1))));
        final HttpResponse<String> lost = call(OPERATOR, "PATCH", "/admin/subscriptions/crm", "{\"description\": \"x\"}");
        assertThat(error(lost, 409)).isEqualTo("subscription_changed");
        assertThat(subscriptions.find("crm").orElseThrow().enabled()).as("the other writer's change stands").isFalse();
        assertThat(subscriptions.find("crm").orElseThrow().description()).isEmpty();
        assertThat(json(call(OPERATOR, "PATCH", "/admin/subscriptions/crm", "{\"description\": \"x\"}"), 200).path("state").asText())
            .isEqualTo("disabled");
    }

    @Test
    void secretsAreBoundToTheTenantAndMovedWithIt() throws Exception {
        json(call(OPERATOR, "POST", "/admin/subscriptions", "{\"id\": \"crm\", \"url\": \"https://a.example.com/h\", \"sources\": "
            + "[\"acme-shop\"], \"tenant\": \"acme\", \"secret\": \"" + SECRET + "\"}"), 201);
        json(call(OPERATOR, "POST", "/admin/subscriptions/crm/secret", "{\"secret\": \"" + OTHER_SECRET + "\", \"keepPreviousFor\": \"1h\"}"),
            200);
        final SecretBox box = new SecretBox(KEY);
        final var sealed = subscriptions.stored("crm").orElseThrow().secrets();
        assertThat(box.open(sealed.get(0).sealed(), "crm", java.util.Optional.of("acme"))).isEqualTo(OTHER_SECRET);
        assertThatThrownBy(() -> box.open(sealed.get(0).sealed(), "crm")).isInstanceOf(IllegalArgumentException.class);

        // Moved to no tenant, with a source of none: both secrets go on signing, sealed for it.
        json(call(OPERATOR, "PATCH", "/admin/subscriptions/crm", "{\"tenant\": null, \"sources\": [\"shop\"]}"), 200);
        assertThat(subscriptions.find("crm").orElseThrow().config().secrets()).containsExactly(OTHER_SECRET, SECRET);
        final var moved = subscriptions.stored("crm").orElseThrow().secrets();
        assertThat(box.open(moved.get(1).sealed(), "crm")).isEqualTo(SECRET);
        assertThat(moved.get(1).notAfter()).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void noAnswerOfTheReaderPrintsASecret() {
        final SubscriptionReader reader = new SubscriptionReader(config(""));
        final SubscriptionRequest request = reader.create(SubscriptionReader.object(("{\"url\": \"https://a.example.com/h\", "
            + "\"sources\": [\"shop\"], \"secret\": \"" + OTHER_SECRET + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            io.hookgate.admin.api.Caller.operator(), "sub_1", SECRET);
        assertThat(request.toString()).doesNotContain(OTHER_SECRET).doesNotContain(SECRET).contains("hidden");
        final SecretRotation rotation = SecretRotation.read(SubscriptionReader.object(("{\"secret\": \"" + OTHER_SECRET + "\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(rotation.toString()).doesNotContain(OTHER_SECRET).contains("hidden");
        final LiveSubscription audit = new InMemorySubscriptions(config(""), Clock.systemUTC()).find("audit").orElseThrow();
        assertThat(new SubscriptionCommands.Created(audit, OTHER_SECRET).toString()).doesNotContain(OTHER_SECRET).contains("hidden");
    }

    static List<String> ids(final HttpResponse<String> response) throws Exception {
        final List<String> ids = new ArrayList<>();
        json(response, 200).path("entries").forEach(entry -> ids.add(entry.path("id").asText()));
        return ids;
    }

    static LiveSubscription live(final InMemorySubscriptions subscriptions, final String id) {
        return subscriptions.find(id).orElseThrow();
    }
}

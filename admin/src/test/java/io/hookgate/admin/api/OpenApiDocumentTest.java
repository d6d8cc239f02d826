package io.hookgate.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.hookgate.admin.TestAdmin;
import io.hookgate.admin.TestConfigs;
import io.hookgate.admin.internals.subscriptions.InMemorySubscriptions;
import io.hookgate.admin.internals.subscriptions.SubscriptionApi;
import io.hookgate.admin.internals.events.EventRecords;
import io.hookgate.admin.internals.view.Fixtures;
import io.hookgate.admin.internals.view.VerifiedRef;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.subscription.SecretBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published OpenAPI document is the admin API: its paths and methods are exactly the routes
 * {@link AdminApi} adds, it is served as is, and what the API answers conforms to its schemas.
 */
class OpenApiDocumentTest {

    static final String OPERATOR = "operator-token-000000000001";
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    static final JsonNode DOCUMENT = read(OpenApiDocument.load());

    TestAdmin admin;

    static JsonNode read(final byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError("the document is not JSON", e);
        }
    }

    @BeforeEach
    void start(@TempDir final Path dir) throws Exception {
        final HookgateConfig config = TestConfigs.parse("""
            admin: {token: %s, secretsKey: "%s"}
            sources: {shop: {provider: standard-webhooks}}
            subscriptions: {audit: {url: "https://audit.example.com/hook", sources: [shop], secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}
            """.formatted(OPERATOR, SecretBox.newKey()));
        final InMemorySubscriptions subscriptions = new InMemorySubscriptions(config, Clock.systemUTC());
        admin = new TestAdmin(dir, config, subscriptions, List.of(new SubscriptionApi(config, subscriptions, subscriptions, Clock.systemUTC())),
            Clock.systemUTC());
        Fixtures.indexDlq(admin.dlq, 0, Fixtures.dlqJson("dlq_0", "audit", "shop", "evt_0", "rejected", Instant.parse("2026-11-01T10:00:00Z")));
        Fixtures.indexRejected(admin.rejected, 1, "shop");
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    static Set<String> documented() {
        final Set<String> routes = new TreeSet<>();
        DOCUMENT.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                routes.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        return routes;
    }

    @Test
    void theDocumentsPathsAndMethodsAreTheRoutesOfTheApi() {
        assertThat(admin.api.routes()).as("the routes AdminApi adds").hasSizeGreaterThan(15);
        assertThat(documented()).isEqualTo(admin.api.routes());
    }

    @Test
    void itIsServedAsIs() throws Exception {
        final HttpResponse<String> served = admin.call(OPERATOR, "GET", OpenApiDocument.PATH, null);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(served.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(OpenApiDocument.load());
    }

    @Test
    void everyOperationIsNamedOnceAnswersItsErrorsAndEveryReferenceResolves() {
        assertThat(DOCUMENT.path("openapi").asText()).isEqualTo("3.1.0");
        final Set<String> operationIds = new HashSet<>();
        DOCUMENT.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            final String where = operation.getKey() + " " + path.getKey();
            assertThat(operationIds.add(operation.getValue().path("operationId").asText())).as(where + " has its own operationId").isTrue();
            assertThat(operation.getValue().path("responses").has("401")).as(where + " answers 401").isTrue();
            assertThat(operation.getValue().path("tags")).as(where).hasSize(1);
        }));
        final List<String> refs = new ArrayList<>();
        collectRefs(DOCUMENT, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(DOCUMENT.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    }

    private static void collectRefs(final JsonNode node, final List<String> refs) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                final Map.Entry<String, JsonNode> field = fields.next();
                if ("$ref".equals(field.getKey())) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }

    /** The document's component schema {@code name}, as a JSON Schema whose references resolve within the document. */
    static Schema schema(final String name) {
        final ObjectNode root = Json.mapper().createObjectNode();
        root.put("$ref", "#/components/schemas/" + name);
        root.set("components", DOCUMENT.path("components"));
        final Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("https://hookgate.invalid/admin/openapi.json"), root);
        schema.initializeValidators();
        return schema;
    }

    static void conforms(final HttpResponse<String> answer, final int status, final String schema) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        final List<com.networknt.schema.Error> errors = schema(schema).validate(Json.mapper().readTree(answer.body()));
        assertThat(errors).as(schema + ": " + answer.body()).isEmpty();
    }

    @Test
    void whatTheApiAnswersConformsToTheDocument() throws Exception {
        final HttpResponse<String> created = admin.call(OPERATOR, "POST", "/admin/subscriptions",
            "{\"id\": \"crm\", \"url\": \"https://crm.example.com/h\", \"sources\": [\"shop\"], \"description\": \"d\"}");
        conforms(created, 201, "CreatedSubscription");
        conforms(admin.call(OPERATOR, "GET", "/admin/subscriptions/crm", null), 200, "Subscription");
        conforms(admin.call(OPERATOR, "GET", "/admin/subscriptions/audit", null), 200, "Subscription");
        conforms(admin.call(OPERATOR, "GET", "/admin/subscriptions", null), 200, "SubscriptionList");
        conforms(admin.call(OPERATOR, "PATCH", "/admin/subscriptions/crm", "{\"description\": null, \"timeout\": \"5s\"}"), 200, "Subscription");
        conforms(admin.call(OPERATOR, "POST", "/admin/subscriptions/crm/secret", "{\"keepPreviousFor\": \"1h\"}"), 200, "RotatedSecret");
        conforms(admin.call(OPERATOR, "POST", "/admin/subscriptions/audit/disable", ""), 200, "Subscription");
        conforms(admin.call(OPERATOR, "POST", "/admin/subscriptions", "{\"url\": \"http://x\", \"sources\": [\"nope\"], \"extra\": 1}"), 400,
            "Error");
        conforms(admin.call(OPERATOR, "GET", "/admin/subscriptions/nope", null), 404, "Error");
        conforms(admin.call(OPERATOR, "PATCH", "/admin/subscriptions/audit", "{}"), 409, "Error");
        conforms(admin.call(null, "GET", "/admin/subscriptions", null), 401, "Error");
        conforms(admin.call(OPERATOR, "GET", "/admin/dlq", null), 200, "EntryPage");
        conforms(admin.call(OPERATOR, "GET", "/admin/rejected", null), 200, "EntryPage");
        conforms(admin.call(OPERATOR, "GET", "/admin/dlq/dlq_0", null), 200, "Entry");
        conforms(admin.call(OPERATOR, "POST", "/admin/dlq/dlq_0/replay", ""), 200, "Replayed");
        conforms(admin.call(OPERATOR, "POST", "/admin/dlq/replay", "{\"all\": true, \"dryRun\": true}"), 200, "BulkReplayResult");
        conforms(admin.call(OPERATOR, "GET", "/admin/quarantine", null), 200, "QuarantineList");
        admin.registry.counter("hookgate.ingress.requests", "source", "shop", "tenant", "", "status", "200").increment();
        conforms(admin.call(OPERATOR, "GET", "/admin/counters", null), 200, "Counters");
        Fixtures.indexAttempts(admin.deliveries, Fixtures.attempt("msg_1", "audit", "shop", "evt_0", 1, Instant.now(), 503, 12),
            Fixtures.attempt("msg_1", "audit", "shop", "evt_0", 2, Instant.now().plusSeconds(1), 204, 7));
        conforms(admin.call(OPERATOR, "GET", "/admin/deliveries", null), 200, "DeliveryPage");
        conforms(admin.call(OPERATOR, "GET", "/admin/deliveries/msg_1", null), 200, "Delivery");
        conforms(admin.call(OPERATOR, "GET", "/admin/subscriptions/audit/health", null), 200, "EndpointHealth");
        conforms(admin.call(OPERATOR, "GET", "/admin/subscriptions/crm/health", null), 200, "EndpointHealth");
        conforms(admin.call(OPERATOR, "GET", "/admin/deliveries?outcome=nope", null), 400, "Error");
        conforms(admin.call(OPERATOR, "GET", "/admin/dlq/dlq_0", null), 200, "Entry");
        conforms(admin.call(OPERATOR, "GET", "/admin/dlq?limit=0", null), 400, "Error");
        final VerifiedEvent event = EventRecords.event("shop", "evt_0", "ing_0", Instant.parse("2026-11-01T10:00:00Z"));
        admin.records.put("t.verified.shop/0/0", EventRecords.consumed(EventRecords.verified("t.verified.shop", event), 0, 0));
        admin.rawRequests.put("ing_0", EventRecords.consumed(EventRecords.raw("t.ingress.raw", EventRecords.request(event)), 0, 0));
        Fixtures.indexEvent(admin.events, "shop", "evt_0", new VerifiedRef("t.verified.shop", 0, 0, event.receivedAt()));
        conforms(admin.call(OPERATOR, "GET", "/admin/events/shop/evt_0", null), 200, "Event");
        admin.rawRequests.clear();
        conforms(admin.call(OPERATOR, "GET", "/admin/events/shop/evt_0", null), 200, "Event");
        conforms(admin.call(OPERATOR, "GET", "/admin/events/shop/evt_nope", null), 404, "Error");
        // The schema is no formality: an answer without a required key would not pass.
        assertThat(schema("Subscription").validate(Json.mapper().readTree("{\"id\": \"x\"}"))).isNotEmpty();
    }
}

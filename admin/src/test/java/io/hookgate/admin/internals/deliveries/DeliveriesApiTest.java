package io.hookgate.admin.internals.deliveries;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.TestAdmin;
import io.hookgate.admin.TestConfigs;
import io.hookgate.admin.internals.view.Fixtures;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.subscription.Subscriptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.hookgate.admin.TestAdmin.error;
import static io.hookgate.admin.TestAdmin.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The delivery log and endpoint health over HTTP: filters that fail closed, tenants that see their own, replays that say how they went. */
class DeliveriesApiTest {

    static final String OPERATOR = TestConfigs.OPERATOR_TOKEN;
    static final String ACME = TestConfigs.ACME_TOKEN;
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final Instant NOW = T0.plusSeconds(150);

    TestAdmin admin;

    @BeforeEach
    void start(@TempDir final Path dir) throws Exception {
        final HookgateConfig config = TestConfigs.withTenant();
        admin = new TestAdmin(dir, config, Subscriptions.of(config), List.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        Fixtures.indexAttempts(admin.deliveries,
            Fixtures.attempt("msg_b1", "billing", "shop", "evt_1", 1, T0, 500, 30),
            Fixtures.attempt("msg_b1", "billing", "shop", "evt_1", 2, T0.plusSeconds(5), 200, 10),
            Fixtures.attempt("msg_c1", "crm", "shop", "evt_1", 1, T0.plusSeconds(1), 204, 20),
            Fixtures.attempt("msg_b2", "billing", "shop", "evt_2", 1, T0.plusSeconds(2), 400, 5),
            Fixtures.attempt("msg_a1", "acme-sub", "acme-shop", "evt_9", 1, T0.plusSeconds(3), 200, 5));
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    List<String> ids(final String token, final String query) throws Exception {
        final List<String> ids = new ArrayList<>();
        json(admin.call(token, "GET", "/admin/deliveries" + query, null), 200).path("entries")
            .forEach(entry -> ids.add(entry.path("deliveryId").asText()));
        return ids;
    }

    @Test
    void listsDeliveriesWithTheirAttemptsNewestFirst() throws Exception {
        assertThat(ids(OPERATOR, "")).containsExactly("msg_b1", "msg_a1", "msg_b2", "msg_c1");
        final JsonNode first = json(admin.call(OPERATOR, "GET", "/admin/deliveries?subscription=billing&limit=1", null), 200);
        assertThat(first.path("entries")).hasSize(1);
        final JsonNode delivery = first.path("entries").get(0);
        assertThat(delivery.path("outcome").asText()).isEqualTo("delivered");
        assertThat(delivery.path("attemptCount").asInt()).isEqualTo(2);
        assertThat(delivery.path("attempts").get(0).path("status").asInt()).isEqualTo(500);
        assertThat(delivery.path("attempts").get(0).path("tier").asText()).isEqualTo("dispatch");
        assertThat(delivery.path("attempts").get(1).path("tier").asText()).isEqualTo("5s");
        assertThat(delivery.path("attempts").get(0).path("response").path("body").asText()).isEqualTo("{\"status\":500}");
        final String cursor = first.path("nextCursor").asText();
        assertThat(ids(OPERATOR, "?subscription=billing&limit=1&cursor=" + cursor)).containsExactly("msg_b2");
        // An event's deliveries across subscriptions.
        assertThat(ids(OPERATOR, "?eventId=evt_1")).containsExactly("msg_b1", "msg_c1");
        assertThat(ids(OPERATOR, "?eventId=evt_1&source=shop&outcome=delivered")).containsExactly("msg_b1", "msg_c1");
        assertThat(ids(OPERATOR, "?outcome=dead")).containsExactly("msg_b2");
        assertThat(ids(OPERATOR, "?since=" + T0.plusSeconds(2) + "&until=" + T0.plusSeconds(4))).containsExactly("msg_a1", "msg_b2");
        final JsonNode one = json(admin.call(OPERATOR, "GET", "/admin/deliveries/msg_b2", null), 200);
        assertThat(one.path("dlqReason").asText()).isEqualTo("rejected");
        assertThat(one.path("attempts")).hasSize(1);
        assertThat(error(admin.call(OPERATOR, "GET", "/admin/deliveries/msg_nope", null), 404)).isEqualTo("not_found");
    }

    @Test
    void filtersFailClosed() throws Exception {
        final JsonNode unknown = json(admin.call(OPERATOR, "GET", "/admin/deliveries?subscripton=billing", null), 400);
        assertThat(unknown.path("field").asText()).isEqualTo("subscripton");
        assertThat(unknown.path("message").asText()).contains("subscription");
        final JsonNode outcome = json(admin.call(OPERATOR, "GET", "/admin/deliveries?outcome=retry", null), 400);
        assertThat(outcome.path("field").asText()).isEqualTo("outcome");
        assertThat(outcome.path("message").asText()).contains("retrying");
        assertThat(json(admin.call(OPERATOR, "GET", "/admin/deliveries?since=yesterday", null), 400).path("field").asText()).isEqualTo("since");
        assertThat(json(admin.call(OPERATOR, "GET", "/admin/deliveries?limit=1001", null), 400).path("field").asText()).isEqualTo("limit");
        assertThat(json(admin.call(OPERATOR, "GET", "/admin/deliveries?cursor=bm9wZQ", null), 400).path("field").asText()).isEqualTo("cursor");
        assertThat(json(admin.call(OPERATOR, "GET", "/admin/deliveries/msg_b1?x=1", null), 400).path("field").asText()).isEqualTo("x");
        assertThat(admin.call(null, "GET", "/admin/deliveries", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aTenantSeesItsOwnDeliveriesAndHealthOnly() throws Exception {
        assertThat(ids(ACME, "")).containsExactly("msg_a1");
        assertThat(ids(ACME, "?eventId=evt_1")).isEmpty();
        assertThat(error(admin.call(ACME, "GET", "/admin/deliveries/msg_b1", null), 404)).isEqualTo("not_found");
        assertThat(json(admin.call(ACME, "GET", "/admin/deliveries/msg_a1", null), 200).path("subscription").asText()).isEqualTo("acme-sub");
        assertThat(error(admin.call(ACME, "GET", "/admin/subscriptions/billing/health", null), 404)).isEqualTo("not_found");
        assertThat(json(admin.call(ACME, "GET", "/admin/subscriptions/acme-sub/health", null), 200).path("subscription").asText())
            .isEqualTo("acme-sub");
    }

    @Test
    void aTenantDoesNotSeeTheDeliveriesOfAnotherTenantsSubscriptionWhoseIdItTook() throws Exception {
        // msg_old went to an acme-sub of no tenant, from a source of no tenant, before it was deleted and acme took its id.
        Fixtures.indexAttempts(admin.deliveries, Fixtures.attempt("msg_old", "acme-sub", "shop", "evt_8", 1, T0.plusSeconds(4), 200, 5));
        assertThat(ids(ACME, "")).containsExactly("msg_a1");
        assertThat(ids(ACME, "?eventId=evt_8")).isEmpty();
        assertThat(error(admin.call(ACME, "GET", "/admin/deliveries/msg_old", null), 404)).isEqualTo("not_found");
        assertThat(ids(OPERATOR, "?eventId=evt_8")).containsExactly("msg_old");
    }

    @Test
    void healthAnswersBothWindowsTheBreakerAndTheLastError() throws Exception {
        final JsonNode health = json(admin.call(OPERATOR, "GET", "/admin/subscriptions/billing/health", null), 200);
        assertThat(health.path("subscription").asText()).isEqualTo("billing");
        assertThat(health.path("breaker").asText()).isEqualTo("unknown");
        final JsonNode recent = health.path("windows").path("5m");
        assertThat(recent.path("attempts").asInt()).isEqualTo(3);
        assertThat(recent.path("delivered").asInt()).isEqualTo(1);
        assertThat(recent.path("failed").asInt()).isEqualTo(2);
        assertThat(recent.path("successRate").asDouble()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(recent.path("p50Ms").asLong()).isEqualTo(10);
        assertThat(recent.path("p99Ms").asLong()).isEqualTo(30);
        assertThat(health.path("windows").path("24h").path("attempts").asInt()).isEqualTo(3);
        assertThat(health.path("lastError").path("status").asInt()).isEqualTo(400);
        assertThat(health.path("lastError").path("deliveryId").asText()).isEqualTo("msg_b2");
        final JsonNode quiet = json(admin.call(OPERATOR, "GET", "/admin/subscriptions/crm/health", null), 200);
        assertThat(quiet.path("lastError").isNull()).isTrue();
        assertThat(quiet.path("windows").path("5m").path("successRate").asDouble()).isEqualTo(1.0);
        assertThat(error(admin.call(OPERATOR, "GET", "/admin/subscriptions/nope/health", null), 404)).isEqualTo("not_found");
    }

    @Test
    void aReplayedDlqEntrySaysHowItsRedeliveryWent() throws Exception {
        // Dead-lettered at T0 with one attempt (status 400), as the fixture's entry has.
        Fixtures.indexDlq(admin.dlq, 0, Fixtures.dlqJson("dlq_0", "billing", "shop", "evt_0", "rejected", T0));
        assertThat(json(admin.call(OPERATOR, "GET", "/admin/dlq/dlq_0", null), 200).path("replay").has("redelivery")).isFalse();
        assertThat(json(admin.call(OPERATOR, "POST", "/admin/dlq/dlq_0/replay", ""), 200).path("forced").asBoolean()).isFalse();
        assertThat(json(admin.call(OPERATOR, "GET", "/admin/dlq/dlq_0", null), 200).path("replay").path("redelivery").asText())
            .isEqualTo("pending");
        Fixtures.indexAttempts(admin.deliveries, Fixtures.attempt("msg_dlq_0", "billing", "shop", "evt_0", 1, NOW.plusMillis(30), 200, 8));
        final JsonNode shown = json(admin.call(OPERATOR, "GET", "/admin/dlq/dlq_0", null), 200);
        assertThat(shown.path("replay").path("redelivery").asText()).isEqualTo("delivered");
        assertThat(shown.path("deliveryId").asText()).isEqualTo("msg_dlq_0");
        assertThat(json(admin.call(OPERATOR, "GET", "/admin/dlq?eventId=evt_0", null), 200).path("entries").get(0).path("replay")
            .path("redelivery").asText()).isEqualTo("delivered");
        assertThat(json(admin.call(OPERATOR, "POST", "/admin/dlq/dlq_0/replay?force=true", ""), 200).path("forced").asBoolean()).isTrue();
    }
}

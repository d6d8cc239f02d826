package io.hookgate.admin.api;

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

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.hookgate.admin.TestAdmin.error;
import static io.hookgate.admin.TestAdmin.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant token sees the DLQ entries of its tenant's subscriptions and the rejected requests of
 * its tenant's sources, and nothing else: other entries are not listed, answer 404 to a show or a
 * replay (never 409 or 410, which would tell they exist), and a replay by filter replays only its own.
 */
class TenantScopeTest {

    static final String OPERATOR = "operator-token-000000000001";
    static final String ACME = "acme-tenant-token-0000000001";
    static final String BETA = "beta-tenant-token-0000000001";
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    TestAdmin admin;

    @BeforeEach
    void start(@TempDir final Path dir) throws Exception {
        final HookgateConfig config = TestConfigs.parse("""
            admin:
              token: %s
              tokens: [{token: %s, tenant: acme}, {token: %s, tenant: beta}]
            sources:
              acme-shop: {provider: standard-webhooks, tenant: acme}
              beta-shop: {provider: standard-webhooks, tenant: beta}
              shared: {provider: standard-webhooks}
            subscriptions:
              acme-sub: {url: "https://acme.example.com/h", sources: [acme-shop], tenant: acme, secret: %s}
              beta-sub: {url: "https://beta.example.com/h", sources: [beta-shop], tenant: beta, secret: %s}
            """.formatted(OPERATOR, ACME, BETA, SECRET, SECRET));
        admin = new TestAdmin(dir, config, Subscriptions.of(config), List.of(), Clock.systemUTC());
        final String[] subscriptions = {"acme-sub", "beta-sub", "acme-sub", "deleted-sub", "beta-sub"};
        for (int i = 0; i < subscriptions.length; i++) {
            final String source = subscriptions[i].startsWith("acme") ? "acme-shop" : "beta-shop";
            Fixtures.indexDlq(admin.dlq, i, Fixtures.dlqJson("dlq_" + i, subscriptions[i], source, "evt_" + i, "rejected", T0.plusSeconds(i)));
        }
        Fixtures.indexRejected(admin.rejected, 1, "acme-shop");
        Fixtures.indexRejected(admin.rejected, 2, "beta-shop");
        Fixtures.indexRejected(admin.rejected, 3, "shared");
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    List<String> ids(final String token, final String path) throws Exception {
        final List<String> ids = new ArrayList<>();
        json(admin.call(token, "GET", path, null), 200).path("entries").forEach(entry -> ids.add(entry.path("id").asText()));
        return ids;
    }

    @Test
    void eachTenantListsItsOwnEntriesAndTheOperatorAll() throws Exception {
        assertThat(ids(ACME, "/admin/dlq")).containsExactly("dlq_0", "dlq_2");
        assertThat(ids(BETA, "/admin/dlq")).containsExactly("dlq_1", "dlq_4");
        assertThat(ids(OPERATOR, "/admin/dlq")).containsExactly("dlq_0", "dlq_1", "dlq_2", "dlq_3", "dlq_4");
        assertThat(ids(ACME, "/admin/dlq?subscription=beta-sub")).isEmpty();
        assertThat(ids(ACME, "/admin/dlq?source=acme-shop&limit=1")).containsExactly("dlq_0");
        assertThat(ids(ACME, "/admin/rejected")).containsExactly("rej_0_1");
        assertThat(ids(BETA, "/admin/rejected")).containsExactly("rej_0_2");
        assertThat(ids(OPERATOR, "/admin/rejected")).containsExactly("rej_0_1", "rej_0_2", "rej_0_3");
        assertThat(json(admin.call(ACME, "GET", "/admin/dlq/dlq_2", null), 200).path("subscription").asText()).isEqualTo("acme-sub");
    }

    @Test
    void anotherTenantsEntriesDoNotExistForIt() throws Exception {
        for (String path : List.of("/admin/dlq/dlq_1", "/admin/dlq/dlq_3", "/admin/rejected/rej_0_2", "/admin/rejected/rej_0_3",
            "/admin/quarantine")) {
            assertThat(error(admin.call(ACME, "GET", path, null), 404)).as(path).isEqualTo("not_found");
        }
        final HttpResponse<String> unknown = admin.call(ACME, "GET", "/admin/dlq/dlq_99", null);
        final HttpResponse<String> others = admin.call(ACME, "GET", "/admin/dlq/dlq_1", null);
        assertThat(json(others, 404).path("message").asText()).as("the same answer as for no entry at all")
            .isEqualTo(json(unknown, 404).path("message").asText().replace("dlq_99", "dlq_1"));
        // The original of rej_0_2 is gone (410 to the operator): to another tenant it is simply not there.
        assertThat(error(admin.call(ACME, "POST", "/admin/rejected/rej_0_2/replay", ""), 404)).isEqualTo("not_found");
        assertThat(error(admin.call(OPERATOR, "POST", "/admin/rejected/rej_0_2/replay", ""), 410)).isEqualTo("original_gone");
        assertThat(error(admin.call(ACME, "POST", "/admin/dlq/dlq_1/replay", ""), 404)).isEqualTo("not_found");
        assertThat(admin.producer.history()).as("nothing replayed").isEmpty();
        assertThat(json(admin.call(OPERATOR, "GET", "/admin/quarantine", null), 200).path("total").asLong()).isZero();
    }

    @Test
    void aReplayByFilterReplaysOnlyTheTenantsOwn() throws Exception {
        final JsonNode all = json(admin.call(ACME, "POST", "/admin/dlq/replay", "{\"all\": true}"), 200);
        assertThat(all.path("matched").asLong()).isEqualTo(2);
        assertThat(all.path("replayed").asLong()).isEqualTo(2);
        assertThat(admin.producer.history()).hasSize(2 * 2); // each task, and its replay state
        assertThat(admin.dlq.replayState("dlq_1").replayed()).isFalse();
        assertThat(json(admin.call(ACME, "POST", "/admin/dlq/replay", "{\"subscription\": \"beta-sub\"}"), 200).path("matched").asLong())
            .isZero();
        assertThat(json(admin.call(BETA, "POST", "/admin/rejected/replay", "{\"all\": true, \"dryRun\": true}"), 200)
            .path("matched").asLong()).isEqualTo(1);
        assertThat(json(admin.call(OPERATOR, "POST", "/admin/dlq/replay", "{\"all\": true, \"dryRun\": true}"), 200)
            .path("matched").asLong()).as("two replayed already are skipped, still matched").isEqualTo(5);
    }

    @Test
    void theTokenNamesTheCallerAndAnyOtherIsRefused() throws Exception {
        assertThat(error(admin.call("acme-tenant-token-0000000002", "GET", "/admin/dlq", null), 401)).isEqualTo("unauthorized");
        assertThat(error(admin.call(null, "GET", "/admin/openapi.json", null), 401)).isEqualTo("unauthorized");
        assertThat(json(admin.call(ACME, "GET", "/admin/openapi.json", null), 200).path("openapi").asText()).startsWith("3.1");
    }

    @Test
    void aTenantThatTakesTheIdOfAnotherTenantsDeletedSubscriptionNeitherSeesNorReplaysItsEntries() throws Exception {
        // dlq_9 was dead-lettered for acme's beta-sub (from acme's source), deleted since; beta made a beta-sub of its own.
        Fixtures.indexDlq(admin.dlq, 9, Fixtures.dlqJson("dlq_9", "beta-sub", "acme-shop", "evt_9", "rejected", T0.plusSeconds(9)));
        assertThat(ids(BETA, "/admin/dlq")).containsExactly("dlq_1", "dlq_4");
        assertThat(ids(BETA, "/admin/dlq?subscription=beta-sub&eventId=evt_9")).isEmpty();
        assertThat(error(admin.call(BETA, "GET", "/admin/dlq/dlq_9", null), 404)).isEqualTo("not_found");
        assertThat(error(admin.call(BETA, "POST", "/admin/dlq/dlq_9/replay", ""), 404)).isEqualTo("not_found");
        assertThat(json(admin.call(BETA, "POST", "/admin/dlq/replay", "{\"subscription\": \"beta-sub\"}"), 200).path("matched").asLong())
            .isEqualTo(2);
        assertThat(admin.dlq.replayState("dlq_9").replayed()).as("acme's event never sent to beta's endpoint").isFalse();
        assertThat(ids(OPERATOR, "/admin/dlq?eventId=evt_9")).containsExactly("dlq_9");
    }
}

package io.hookgate.core.subscription;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.ConfigLoaderTest;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.SealedSecret;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The subscriptions in force from the file and the topic's records: states, secrets in force, what cannot be read. */
class SubscriptionSnapshotTest {

    static final String SECRET_A = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SECRET_B = "whsec_c2VjcmV0LWtleS1iLTEyMzQ1Njc4OTA=";
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final String key = SecretBox.newKey();
    private final SecretBox box = new SecretBox(key);
    private final HookgateConfig config = new ConfigLoader(ConfigLoaderTest.PROVIDERS, name -> null).parse("""
        sources:
          shop: {provider: standard-webhooks, secrets: [%s]}
          crm: {provider: standard-webhooks, secrets: [%s]}
        subscriptions:
          audit: {url: "https://audit.example.com/hook", sources: [shop], secret: %s}
        """.formatted(SECRET_A, SECRET_A, SECRET_B));
    private final List<String> unreadable = new ArrayList<>();

    SubscriptionRecord api(final String id, final State state, final List<SealedSecret> secrets, final String... sources) {
        final ObjectNode settings = SubscriptionSettings.empty();
        settings.put("url", "https://" + id + ".example.com/hook");
        final var list = settings.putArray("sources");
        for (String source : sources) {
            list.add(source);
        }
        return new SubscriptionRecord(1, id, Origin.API, state, null, "made by a test", settings, secrets, NOW, NOW);
    }

    SubscriptionSnapshot build(final Map<String, SubscriptionRecord> records, final Instant now) {
        return SubscriptionSnapshot.build(config, records, Optional.of(box), now, (id, why) -> unreadable.add(id + ": " + why));
    }

    @Test
    void theFileAloneIsInForceAndEnabled() {
        final SubscriptionSnapshot snapshot = SubscriptionSnapshot.of(config);
        assertThat(snapshot.find("audit")).get().satisfies(live -> {
            assertThat(live.enabled()).isTrue();
            assertThat(live.origin()).isEqualTo(Origin.CONFIG);
        });
        assertThat(snapshot.deliveringFrom("shop")).extracting(s -> s.id()).containsExactly("audit");
        assertThat(snapshot.deliveringFrom("crm")).isEmpty();
        assertThat(snapshot.sync()).isCompleted();
    }

    @Test
    void apiSubscriptionsJoinAndStatesApply() {
        final Map<String, SubscriptionRecord> records = new HashMap<>();
        records.put("orders", api("orders", State.ENABLED, List.of(new SealedSecret(box.seal(SECRET_A, "orders"), null)), "shop", "crm"));
        records.put("paused", api("paused", State.DISABLED, List.of(new SealedSecret(box.seal(SECRET_A, "paused"), null)), "crm"));
        records.put("audit", SubscriptionRecord.configState("audit", State.DISABLED, NOW));
        final SubscriptionSnapshot snapshot = build(records, NOW);
        assertThat(unreadable).isEmpty();
        assertThat(snapshot.all()).extracting(LiveSubscription::id).containsExactly("audit", "orders", "paused");
        assertThat(snapshot.find("orders").orElseThrow().config().secrets()).containsExactly(SECRET_A);
        assertThat(snapshot.find("orders").orElseThrow().description()).contains("made by a test");
        assertThat(snapshot.find("audit").orElseThrow().enabled()).isFalse();
        assertThat(snapshot.deliveringFrom("shop")).extracting(s -> s.id()).containsExactly("orders");
        assertThat(snapshot.deliveringFrom("crm")).extracting(s -> s.id()).containsExactly("orders");
        // Disabled ones still get tasks (they wait parked), and each has the record a change of state is made from.
        assertThat(snapshot.namingSource("crm")).extracting(s -> s.id()).containsExactly("orders", "paused");
        assertThat(snapshot.namingSource("shop")).extracting(s -> s.id()).containsExactly("audit", "orders");
        assertThat(snapshot.record("paused")).contains(records.get("paused"));
        assertThat(snapshot.record("audit")).get().extracting(SubscriptionRecord::state).isEqualTo(State.DISABLED);
        assertThat(SubscriptionSnapshot.of(config).record("audit")).isEmpty();
    }

    @Test
    void aPreviousSecretSignsUntilItsEnd() {
        final Instant end = NOW.plusSeconds(3600);
        final Map<String, SubscriptionRecord> records = Map.of("orders", api("orders", State.ENABLED, List.of(
            new SealedSecret(box.seal(SECRET_B, "orders"), null), new SealedSecret(box.seal(SECRET_A, "orders"), end)), "shop"));
        final SubscriptionSnapshot before = build(records, NOW);
        assertThat(before.find("orders").orElseThrow().config().secrets()).containsExactly(SECRET_B, SECRET_A);
        assertThat(before.expiredBy(end.minusSeconds(1))).isFalse();
        assertThat(before.expiredBy(end)).isTrue();
        assertThat(build(records, end).find("orders").orElseThrow().config().secrets()).containsExactly(SECRET_B);
    }

    @Test
    void whatCannotBeReadIsLeftOutAndTold() {
        final Map<String, SubscriptionRecord> records = new HashMap<>();
        records.put("foreign", api("foreign", State.ENABLED,
            List.of(new SealedSecret(new SecretBox(SecretBox.newKey()).seal(SECRET_A, "foreign"), null)), "shop"));
        records.put("copied", api("copied", State.ENABLED, List.of(new SealedSecret(box.seal(SECRET_A, "orders"), null)), "shop"));
        final SubscriptionRecord bad = api("bad", State.ENABLED, List.of(new SealedSecret(box.seal(SECRET_A, "bad"), null)), "shop");
        bad.settings().put("url", "http://10.0.0.1/hook");
        records.put("bad", bad);
        final SubscriptionSnapshot snapshot = build(records, NOW);
        assertThat(snapshot.all()).extracting(LiveSubscription::id).containsExactly("audit");
        assertThat(unreadable).hasSize(3).anySatisfy(line -> assertThat(line).startsWith("bad: ").contains("url"));
        assertThat(String.join("\n", unreadable)).doesNotContain(SECRET_A);
        // Without the key here, a sealed secret cannot be opened.
        unreadable.clear();
        SubscriptionSnapshot.build(config, Map.of("x", api("x", State.ENABLED, List.of(new SealedSecret(box.seal(SECRET_A, "x"), null)),
            "shop")), Optional.empty(), NOW, (id, why) -> unreadable.add(why));
        assertThat(unreadable).containsExactly("its secret is sealed and admin.secretsKey is not set here");
    }

    @Test
    void anApiRecordCannotShadowTheFile() {
        final SubscriptionSnapshot snapshot = build(Map.of("audit", api("audit", State.ENABLED,
            List.of(new SealedSecret(box.seal(SECRET_A, "audit"), null)), "crm")), NOW);
        assertThat(snapshot.find("audit").orElseThrow().origin()).isEqualTo(Origin.CONFIG);
        assertThat(snapshot.deliveringFrom("crm")).isEmpty();
    }

    @Test
    void noSubscriptionOrSourcePrintsItsSecrets() {
        final SubscriptionSnapshot snapshot = build(Map.of("orders", api("orders", State.ENABLED,
            List.of(new SealedSecret(box.seal(SECRET_A, "orders"), null)), "shop")), NOW);
        assertThat(snapshot.find("orders").orElseThrow().toString()).doesNotContain(SECRET_A.substring(6)).contains("1 hidden");
        assertThat(snapshot.find("audit").orElseThrow().toString()).doesNotContain(SECRET_B.substring(6));
        assertThat(config.sources().get("shop").toString()).doesNotContain(SECRET_A.substring(6)).contains("1 hidden");
    }

    @Test
    void aDeletedRecordIsNoSubscriptionAndLeavesTheFilesItsOwnState() {
        final SubscriptionRecord orders = api("orders", State.ENABLED, List.of(new SealedSecret(box.seal(SECRET_A, "orders"), null)), "shop");
        final SubscriptionRecord audit = api("audit", State.DISABLED, List.of(new SealedSecret(box.seal(SECRET_A, "audit"), null)), "shop");
        final SubscriptionSnapshot snapshot = build(Map.of("orders", orders.deleted(NOW), "audit", audit.deleted(NOW)), NOW);
        assertThat(unreadable).isEmpty();
        assertThat(snapshot.all()).extracting(LiveSubscription::id).containsExactly("audit");
        assertThat(snapshot.find("audit").orElseThrow().enabled()).as("the file's, under an id the API once had").isTrue();
        assertThat(snapshot.record("orders")).get().extracting(SubscriptionRecord::isDeleted).isEqualTo(true);
        assertThat(snapshot.unreadable("orders")).isFalse();
    }
}

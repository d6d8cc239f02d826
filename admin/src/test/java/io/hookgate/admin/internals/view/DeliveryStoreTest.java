package io.hookgate.admin.internals.view;

import io.hookgate.admin.api.model.Delivery;
import io.hookgate.admin.api.model.LastError;
import io.hookgate.admin.api.model.LoggedAttempt;
import io.hookgate.admin.api.model.Page;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.hookgate.admin.internals.view.Fixtures.attempt;
import static io.hookgate.admin.internals.view.Fixtures.indexAttempts;
import static org.assertj.core.api.Assertions.assertThat;

class DeliveryStoreTest {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    DeliveryStore store;

    @BeforeEach
    void open(@TempDir final Path dir) {
        store = new DeliveryStore(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<Delivery> all(final DeliveryFilter filter) {
        final List<Delivery> found = new ArrayList<>();
        DeliveryFilter page = filter;
        while (true) {
            final Page<Delivery> result = store.list(page);
            found.addAll(result.entries());
            if (result.nextCursor() == null) {
                return found;
            }
            page = page.afterCursor(result.nextCursor());
        }
    }

    private static DeliveryFilter filter(final String subscription, final String source, final String eventId, final String outcome) {
        return new DeliveryFilter(subscription, source, eventId, outcome, null, null, 3, null);
    }

    @Test
    void aDeliveryIsItsAttemptsAndStandsWhereItsLastLeftIt() throws Exception {
        // Retried once, then delivered; the second batch builds on the first.
        indexAttempts(store, attempt("msg_1", "billing", "stripe", "evt_1", 1, T0, 500, 40));
        indexAttempts(store, attempt("msg_1", "billing", "stripe", "evt_1", 2, T0.plusSeconds(5), 200, 12),
            // The same attempt logged twice (a dispatcher that crashed before committing) counts once.
            attempt("msg_1", "billing", "stripe", "evt_1", 2, T0.plusSeconds(5), 200, 12));
        final Delivery delivery = store.get("msg_1").orElseThrow();
        assertThat(delivery.outcome()).isEqualTo(Delivery.DELIVERED);
        assertThat(delivery.attemptCount()).isEqualTo(2);
        assertThat(delivery.firstAttemptAt()).isEqualTo(T0);
        assertThat(delivery.lastAttemptAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(delivery.lastStatus()).isEqualTo(200);
        assertThat(delivery.eventId()).isEqualTo("evt_1");
        assertThat(delivery.attempts()).extracting(LoggedAttempt::number).containsExactly(1, 2);
        assertThat(delivery.attempts()).extracting(LoggedAttempt::tier).containsExactly("dispatch", "5s");
        assertThat(delivery.attempts()).extracting(LoggedAttempt::outcome).containsExactly("retry", "delivered");
        assertThat(delivery.attempts().get(0).response().body()).isEqualTo("{\"status\":500}");
        assertThat(store.get("msg_nope")).isEmpty();
        // Its outcome index moved: it is no longer listed as retrying.
        assertThat(all(filter(null, null, null, Delivery.RETRYING))).isEmpty();
        assertThat(all(filter(null, null, null, Delivery.DELIVERED))).extracting(Delivery::deliveryId).containsExactly("msg_1");
    }

    @Test
    void listsNewestFirstThroughEachFilterAndPagesWithoutGapsOrRepeats() throws Exception {
        for (int i = 0; i < 10; i++) {
            indexAttempts(store, attempt("msg_" + i, i % 2 == 0 ? "billing" : "crm", i % 3 == 0 ? "github" : "stripe", "evt_" + (i % 5), 1,
                T0.plusSeconds(i), i % 4 == 0 ? 400 : 200, 10));
        }
        final List<Delivery> every = all(new DeliveryFilter(null, null, null, null, null, null, 3, null));
        assertThat(every).hasSize(10).extracting(Delivery::lastAttemptAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(every).extracting(Delivery::deliveryId).doesNotHaveDuplicates();
        assertThat(all(filter("billing", null, null, null))).extracting(Delivery::deliveryId)
            .containsExactly("msg_8", "msg_6", "msg_4", "msg_2", "msg_0");
        assertThat(all(filter(null, "github", null, null))).extracting(Delivery::deliveryId).containsExactly("msg_9", "msg_6", "msg_3", "msg_0");
        // An event's deliveries across subscriptions.
        assertThat(all(filter(null, null, "evt_1", null))).extracting(Delivery::subscription).containsExactly("billing", "crm");
        assertThat(all(filter(null, "stripe", "evt_1", null))).extracting(Delivery::deliveryId).containsExactly("msg_1");
        assertThat(all(filter(null, null, null, Delivery.DEAD))).extracting(Delivery::deliveryId).containsExactly("msg_8", "msg_4", "msg_0");
        assertThat(all(filter("crm", null, null, Delivery.DEAD))).isEmpty();
        assertThat(all(new DeliveryFilter(null, null, null, null, T0.plusSeconds(2), T0.plusSeconds(5), 100, null)))
            .extracting(Delivery::deliveryId).containsExactly("msg_4", "msg_3", "msg_2");
        assertThat(all(new DeliveryFilter("billing", null, null, null, null, T0.plusSeconds(4), 1, null))).extracting(Delivery::deliveryId)
            .containsExactly("msg_2", "msg_0");
        // A scope hides what the caller may not see.
        assertThat(all(new DeliveryFilter(null, null, null, null, null, null, 100, null, d -> d.subscription().equals("crm")))).hasSize(5);
    }

    @Test
    void aRedeliveryIsDeliveredFailedOrPendingAsItsAttemptsSinceTheReplaySay() throws Exception {
        indexAttempts(store, attempt("msg_r", "billing", "stripe", "evt_r", 1, T0, 400, 5));
        final Instant replayed = T0.plusSeconds(60);
        assertThat(store.redelivery("msg_r", replayed)).isEqualTo(Redeliveries.PENDING);
        indexAttempts(store, attempt("msg_r", "billing", "stripe", "evt_r", 1, replayed.plusMillis(20), 503, 5));
        assertThat(store.redelivery("msg_r", replayed)).as("retrying").isEqualTo(Redeliveries.PENDING);
        indexAttempts(store, attempt("msg_r", "billing", "stripe", "evt_r", 2, replayed.plusSeconds(5), 204, 5));
        assertThat(store.redelivery("msg_r", replayed)).isEqualTo(Redeliveries.DELIVERED);
        assertThat(store.get("msg_r").orElseThrow().attemptCount()).isEqualTo(3);
        indexAttempts(store, Fixtures.exhausted("msg_r", "billing", "stripe", "evt_r", 1, replayed.plusSeconds(90), 503));
        assertThat(store.redelivery("msg_r", replayed.plusSeconds(80))).isEqualTo(Redeliveries.FAILED);
    }

    @Test
    void healthCountsEachSubscriptionsAttemptsPerMinuteAndKeepsItsLastError() throws Exception {
        for (int i = 0; i < 100; i++) {
            indexAttempts(store, attempt("msg_h" + i, "billing", "stripe", "evt_h" + i, 1, T0.plusSeconds(i), i < 90 ? 200 : 503, i + 1));
        }
        indexAttempts(store, attempt("msg_other", "crm", "stripe", "evt_x", 1, T0, 500, 9999));
        final AttemptStats all = store.stats("billing", T0, T0.plusSeconds(99));
        assertThat(all.attempts()).isEqualTo(100);
        assertThat(all.delivered()).isEqualTo(90);
        assertThat(all.failed()).isEqualTo(10);
        assertThat(all.successRate()).isEqualTo(0.9);
        assertThat(all.percentileMs(0.5)).isBetween(50L, 56L);
        assertThat(all.percentileMs(0.99)).isBetween(99L, 100L);
        // The window covers the minutes it overlaps: the first minute alone holds 60 attempts.
        assertThat(store.stats("billing", T0, T0.plusSeconds(30)).attempts()).isEqualTo(60);
        assertThat(store.stats("billing", T0.plusSeconds(3600), T0.plusSeconds(3900)).attempts()).isZero();
        assertThat(store.stats("billing", T0.plusSeconds(3600), T0.plusSeconds(3900)).percentileMs(0.5)).isNull();
        final LastError last = store.lastError("billing").orElseThrow();
        assertThat(last.at()).isEqualTo(T0.plusSeconds(99));
        assertThat(last.status()).isEqualTo(503);
        assertThat(last.deliveryId()).isEqualTo("msg_h99");
        assertThat(store.lastError("nobody")).isEmpty();
    }

    @Test
    void pruningForgetsWhatTheTopicNoLongerHolds() throws Exception {
        indexAttempts(store, attempt("msg_old", "billing", "stripe", "evt_o", 1, T0, 500, 5),
            attempt("msg_new", "billing", "stripe", "evt_n", 1, T0.plusSeconds(7200), 200, 5));
        assertThat(store.prune(T0.plusSeconds(3600), T0.plusSeconds(3600))).isEqualTo(1);
        assertThat(store.get("msg_old")).isEmpty();
        assertThat(store.get("msg_new")).isPresent();
        assertThat(all(filter("billing", null, null, null))).extracting(Delivery::deliveryId).containsExactly("msg_new");
        assertThat(all(filter(null, null, "evt_o", null))).isEmpty();
        assertThat(store.stats("billing", T0, T0).attempts()).isZero();
        assertThat(store.stats("billing", T0.plusSeconds(7200), T0.plusSeconds(7200)).attempts()).isEqualTo(1);
    }

    @Test
    void theBreakerIsWhatTheLatestOperationalEventSaid() throws Exception {
        assertThat(store.breaker("billing")).isEmpty();
        breaker(io.hookgate.core.delivery.OperationalEvent.Type.BREAKER_OPENED, T0);
        assertThat(store.breaker("billing")).get().extracting(BreakerState::state).isEqualTo(BreakerState.OPEN);
        breaker(io.hookgate.core.delivery.OperationalEvent.Type.BREAKER_CLOSED, T0.plusSeconds(30));
        assertThat(store.breaker("billing")).get().extracting(BreakerState::state).isEqualTo(BreakerState.CLOSED);
        // A report older than the one kept (another dispatcher's, late) does not undo it.
        breaker(io.hookgate.core.delivery.OperationalEvent.Type.BREAKER_OPENED, T0.plusSeconds(10));
        assertThat(store.breaker("billing")).get().extracting(BreakerState::state).isEqualTo(BreakerState.CLOSED);
        breaker(io.hookgate.core.delivery.OperationalEvent.Type.DISABLED, T0.plusSeconds(60));
        assertThat(store.breaker("billing")).get().extracting(BreakerState::state).isEqualTo(BreakerState.OPEN);
        assertThat(store.breaker("other")).isEmpty();
    }

    private void breaker(final io.hookgate.core.delivery.OperationalEvent.Type type, final Instant at) throws Exception {
        try (org.rocksdb.WriteBatchWithIndex batch = new org.rocksdb.WriteBatchWithIndex(true)) {
            store.add(batch, new io.hookgate.core.delivery.OperationalEvent(1, "op_" + at.toEpochMilli(), type, "billing", null, at, "test"));
            store.write(batch);
        }
    }
}

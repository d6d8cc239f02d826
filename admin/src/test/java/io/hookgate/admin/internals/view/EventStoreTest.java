package io.hookgate.admin.internals.view;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The verified events' refs: found by source and event id, forgotten with the verified topics' retention, kept at their latest copy. */
class EventStoreTest {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void findsAnEventByItsSourceAndIdOnly(@TempDir final Path dir) throws Exception {
        try (EventStore store = new EventStore(dir)) {
            Fixtures.indexEvent(store, "shop", "evt_1", new VerifiedRef("t.verified.shop", 2, 40, T0));
            assertThat(store.get("shop", "evt_1")).contains(new VerifiedRef("t.verified.shop", 2, 40, T0));
            assertThat(store.get("shop", "evt_")).isEmpty();
            assertThat(store.get("sho", "p\0evt_1")).as("the separator is not part of a name").isEmpty();
            assertThat(store.get("other", "evt_1")).isEmpty();
        }
    }

    @Test
    void forgetsWhatTheTopicNoLongerHoldsButNotAnEventPublishedAgain(@TempDir final Path dir) throws Exception {
        try (EventStore store = new EventStore(dir)) {
            Fixtures.indexEvent(store, "shop", "old", new VerifiedRef("t.verified.shop", 0, 1, T0));
            Fixtures.indexEvent(store, "shop", "again", new VerifiedRef("t.verified.shop", 0, 2, T0));
            Fixtures.indexEvent(store, "shop", "again", new VerifiedRef("t.verified.shop", 0, 9, T0.plusSeconds(7200)));
            Fixtures.indexEvent(store, "shop", "new", new VerifiedRef("t.verified.shop", 0, 3, T0.plusSeconds(3600)));

            assertThat(store.prune(T0.plusSeconds(1))).isEqualTo(1);
            assertThat(store.get("shop", "old")).isEmpty();
            assertThat(store.get("shop", "again")).get().extracting(VerifiedRef::offset).isEqualTo(9L);
            assertThat(store.get("shop", "new")).isPresent();
            assertThat(store.prune(T0.plusSeconds(1))).as("nothing left to forget before that time").isZero();
            assertThat(store.prune(T0.plusSeconds(7201))).isEqualTo(2);
            assertThat(store.get("shop", "again")).isEmpty();
        }
    }
}

package io.hookgate.admin.internals.view;

import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.admin.api.model.Page;
import io.hookgate.admin.api.model.ReplayState;

import io.hookgate.core.delivery.DeliveryAttempt;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EntryStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private EntryStore store;

    @BeforeEach
    void fill(@TempDir final Path dir) throws Exception {
        store = new EntryStore(dir);
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = 0; i < 50; i++) {
                final AdminEntry entry = new AdminEntry("dlq_" + i, "sub" + (i % 2), "src" + (i % 5), "e" + i, "msg_" + i, "ing" + i, null, null,
                    i % 10 == 0 ? "gone" : "exhausted", "", T0.plusSeconds(i * 60L),
                    List.of(DeliveryAttempt.answered(1, T0, 503, 5)), null, null);
                store.add(batch, entry, ("payload-" + i).getBytes());
            }
            store.position(batch, new TopicPartition("t", 0), 50);
            store.write(batch);
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<AdminEntry> all(final EntryFilter filter) {
        final List<AdminEntry> entries = new ArrayList<>();
        EntryFilter page = filter;
        while (true) {
            final Page<AdminEntry> result = store.list(page);
            entries.addAll(result.entries());
            if (result.nextCursor() == null) {
                return entries;
            }
            page = page.afterCursor(result.nextCursor());
        }
    }

    @Test
    void pagesThroughAFilterOldestFirstWithoutGapsOrRepeats() {
        final List<AdminEntry> sub1 = all(new EntryFilter("sub1", null, null, null, null, 7, null));
        assertThat(sub1).hasSize(25).extracting(AdminEntry::subscription).containsOnly("sub1");
        assertThat(sub1).extracting(AdminEntry::at).isSorted();
        assertThat(sub1).extracting(AdminEntry::id).doesNotHaveDuplicates();
    }

    @Test
    void combinesFiltersAndTimeRanges() {
        assertThat(all(new EntryFilter("sub0", null, "gone", null, null, 100, null))).extracting(AdminEntry::id)
            .containsExactly("dlq_0", "dlq_10", "dlq_20", "dlq_30", "dlq_40");
        assertThat(all(new EntryFilter(null, "src3", null, T0.plusSeconds(600), T0.plusSeconds(1800), 100, null)))
            .extracting(AdminEntry::id).containsExactly("dlq_13", "dlq_18", "dlq_23", "dlq_28");
        assertThat(all(new EntryFilter(null, null, null, null, null, 100, null))).hasSize(50);
        assertThat(all(new EntryFilter("nobody", null, null, null, null, 100, null))).isEmpty();
    }

    @Test
    void findsAnEventsEntriesByItsId() {
        assertThat(all(new EntryFilter(null, null, null, "e13", null, null, 100, null))).extracting(AdminEntry::id)
            .containsExactly("dlq_13");
        assertThat(all(new EntryFilter("sub0", null, null, "e13", null, null, 100, null))).as("and the other filters still apply").isEmpty();
        assertThat(store.get("dlq_13").orElseThrow().deliveryId()).isEqualTo("msg_13");
    }

    @Test
    void anIndexOfAnOlderFormatIsDeletedAtOpenToBeRebuiltFromKafka(@TempDir final Path dir) throws Exception {
        // An index written before its format was recorded: it kept originals with credentials in clear.
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true);
             RocksDB old = RocksDB.open(options, dir.toString())) {
            old.put("pOLD".getBytes(), "Authorization: Bearer s3cret".getBytes());
        }
        try (EntryStore reopened = new EntryStore(dir)) {
            assertThat(reopened.payload("OLD")).isEmpty();
            try (WriteBatch batch = new WriteBatch()) {
                reopened.position(batch, new TopicPartition("t", 0), 3);
                reopened.write(batch);
            }
        }
        try (EntryStore current = new EntryStore(dir)) {
            assertThat(current.position(new TopicPartition("t", 0))).as("an index of the current format is kept").isEqualTo(3);
        }
    }

    @Test
    void keepsPayloadsReplayStatesAndOffsets() {
        assertThat(store.payload("dlq_7")).get().isEqualTo("payload-7".getBytes());
        assertThat(store.get("dlq_7")).get().extracting(AdminEntry::replay).isEqualTo(ReplayState.NONE);
        store.putReplayState("dlq_7", ReplayState.NONE.next(T0));
        assertThat(store.get("dlq_7").orElseThrow().replay().replayed()).isTrue();
        assertThat(store.get("missing")).isEmpty();
        assertThat(store.position(new TopicPartition("t", 0))).isEqualTo(50);
        assertThat(store.position(new TopicPartition("t", 1))).isEqualTo(-1);
    }
}

package io.hookgate.admin.internals.view;

import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.admin.api.model.Page;
import io.hookgate.admin.api.model.ReplayState;

import io.hookgate.core.json.Json;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.hookgate.admin.internals.view.IndexKeys.compare;
import static io.hookgate.admin.internals.view.IndexKeys.concat;
import static io.hookgate.admin.internals.view.IndexKeys.cursor;
import static io.hookgate.admin.internals.view.IndexKeys.cursorKey;
import static io.hookgate.admin.internals.view.IndexKeys.key;
import static io.hookgate.admin.internals.view.IndexKeys.textFrom;
import static io.hookgate.admin.internals.view.IndexKeys.time;
import static io.hookgate.admin.internals.view.IndexKeys.upperBound;
import static io.hookgate.admin.internals.view.IndexKeys.utf8;

/**
 * A local, persistent index of one kind of entry (DLQ or rejected) in RocksDB, so that listing
 * with a filter reads only the matching range whatever the size of the topic. Keys, ordered as
 * bytes, beside those of every {@link IndexStore}:
 * <pre>
 * e id                          the entry (JSON)
 * p id                          what replay needs (the DLQ entry, or the raw record)
 * t time id                     by time
 * i field value 0 time id       by subscription (S), source (O), reason (R) and event id (E), then time
 * r id                          its replay state
 * </pre>
 * An index of another format (format 1 kept originals with their credentials in clear; format 2
 * lacked the client and user agent of rejected entries; format 3 the delivery id of DLQ entries and
 * the event id index) is deleted at open, and rebuilt from Kafka. Thread-safe (RocksDB is).
 */
public final class EntryStore extends IndexStore {

    /** Entries examined at most for one page, so one page answers in bounded time whatever the filter. */
    static final int SCAN_BUDGET = 200_000;

    /** The format of the keys and values; a change deletes older indexes, which are rebuilt from Kafka. */
    static final String FORMAT = "4";

    private static final byte ENTRY = 'e';
    private static final byte PAYLOAD = 'p';
    private static final byte TIME = 't';
    private static final byte INDEX = 'i';
    private static final byte REPLAY = 'r';
    private static final byte SUBSCRIPTION = 'S';
    private static final byte SOURCE = 'O';
    private static final byte REASON = 'R';
    private static final byte EVENT_ID = 'E';

    public EntryStore(final Path directory) {
        super(directory, FORMAT);
    }

    /** Adds {@code entry} and its indexes to {@code batch}. */
    void add(final WriteBatch batch, final AdminEntry entry, final byte[] payload) throws RocksDBException {
        final byte[] id = utf8(entry.id());
        batch.put(key(ENTRY, id), Json.write(entry.withReplay(null)));
        batch.put(key(PAYLOAD, id), payload);
        final byte[] time = time(entry.at());
        batch.put(key(TIME, time, id), new byte[0]);
        index(batch, SUBSCRIPTION, entry.subscription(), time, id);
        index(batch, SOURCE, entry.source(), time, id);
        index(batch, REASON, entry.reason(), time, id);
        index(batch, EVENT_ID, entry.eventId(), time, id);
    }

    private static void index(final WriteBatch batch, final byte field, final String value, final byte[] time, final byte[] id)
        throws RocksDBException {
        if (value != null) {
            batch.put(key(INDEX, new byte[] {field}, utf8(value), new byte[] {0}, time, id), new byte[0]);
        }
    }

    public Optional<AdminEntry> get(final String id) {
        final byte[] value = get(key(ENTRY, utf8(id)));
        return value == null ? Optional.empty() : Optional.of(Json.read(value, AdminEntry.class).withReplay(replayState(id)));
    }

    public Optional<byte[]> payload(final String id) {
        return Optional.ofNullable(get(key(PAYLOAD, utf8(id))));
    }

    public ReplayState replayState(final String id) {
        final byte[] value = get(key(REPLAY, utf8(id)));
        return value == null ? ReplayState.NONE : Json.read(value, ReplayState.class);
    }

    public void putReplayState(final String id, final ReplayState state) {
        put(key(REPLAY, utf8(id)), Json.write(state));
    }

    /** Forgets the replay state of {@code id} (a tombstone in {@code admin.replays}). */
    void deleteReplayState(final String id) {
        delete(key(REPLAY, utf8(id)));
    }

    /** One page of the entries {@code filter} matches, oldest first, through the most selective index. */
    public Page<AdminEntry> list(final EntryFilter filter) {
        final byte[] prefix = indexPrefix(filter);
        final byte[] start = filter.cursor() != null ? cursorKey(filter.cursor(), prefix)
            : concat(prefix, time(filter.since() == null ? Instant.EPOCH : filter.since()));
        final byte[] end = filter.until() == null ? upperBound(prefix) : concat(prefix, time(filter.until()));
        final List<AdminEntry> entries = new ArrayList<>();
        try (RocksIterator iterator = db().newIterator()) {
            iterator.seek(start);
            if (filter.cursor() != null && iterator.isValid() && Arrays.equals(iterator.key(), start)) {
                iterator.next();
            }
            int scanned = 0;
            while (iterator.isValid() && compare(iterator.key(), end) < 0) {
                final byte[] key = iterator.key();
                final Optional<AdminEntry> entry = get(textFrom(key, prefix.length + Long.BYTES));
                if (entry.isPresent() && filter.matches(entry.get())) {
                    entries.add(entry.get());
                    if (entries.size() == filter.limit()) {
                        iterator.next();
                        return new Page<>(entries, iterator.isValid() && compare(iterator.key(), end) < 0 ? cursor(key) : null);
                    }
                }
                if (++scanned >= SCAN_BUDGET) {
                    // A sparse filter: answer what was found so far and where to go on.
                    return new Page<>(entries, cursor(key));
                }
                iterator.next();
            }
        }
        return new Page<>(entries, null);
    }

    private static byte[] indexPrefix(final EntryFilter filter) {
        if (filter.eventId() != null) {
            return key(INDEX, new byte[] {EVENT_ID}, utf8(filter.eventId()), new byte[] {0});
        }
        if (filter.subscription() != null) {
            return key(INDEX, new byte[] {SUBSCRIPTION}, utf8(filter.subscription()), new byte[] {0});
        }
        if (filter.source() != null) {
            return key(INDEX, new byte[] {SOURCE}, utf8(filter.source()), new byte[] {0});
        }
        if (filter.reason() != null) {
            return key(INDEX, new byte[] {REASON}, utf8(filter.reason()), new byte[] {0});
        }
        return new byte[] {TIME};
    }
}

package io.hookgate.admin.internals.view;

import io.hookgate.core.json.Json;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import static io.hookgate.admin.internals.view.IndexKeys.compare;
import static io.hookgate.admin.internals.view.IndexKeys.key;
import static io.hookgate.admin.internals.view.IndexKeys.time;
import static io.hookgate.admin.internals.view.IndexKeys.timeAt;
import static io.hookgate.admin.internals.view.IndexKeys.utf8;

/**
 * The verified events the admin index saw, each as the {@link VerifiedRef} of its envelope in
 * {@code verified.{source}} (never its payload), by source and event id. Keys, ordered as bytes,
 * beside those of every {@link IndexStore}:
 * <pre>
 * e source 0 eventId            the ref (JSON)
 * t time source 0 eventId       by receive time, for {@link #prune}
 * </pre>
 * An event published again (once its deduplication window passed) is kept at its latest ref.
 * Thread-safe (RocksDB is).
 */
public final class EventStore extends IndexStore {

    /** The format of the keys and values; a change deletes older indexes, which are rebuilt from Kafka. */
    static final String FORMAT = "1";

    private static final byte EVENT = 'e';
    private static final byte TIME = 't';
    private static final byte[] ZERO = {0};

    public EventStore(final Path directory) {
        super(directory, FORMAT);
    }

    /** Adds the ref of event {@code eventId} of {@code source} to {@code batch}. */
    void add(final WriteBatch batch, final String source, final String eventId, final VerifiedRef ref) throws RocksDBException {
        final byte[] name = name(source, eventId);
        batch.put(key(EVENT, name), Json.write(ref));
        batch.put(key(TIME, time(ref.receivedAt()), name), new byte[0]);
    }

    /** The ref of event {@code eventId} of {@code source}, or empty when the index never saw it (or forgot it). */
    public Optional<VerifiedRef> get(final String source, final String eventId) {
        final byte[] value = get(key(EVENT, name(source, eventId)));
        return value == null ? Optional.empty() : Optional.of(Json.read(value, VerifiedRef.class));
    }

    /**
     * Forgets the events received before {@code before} (those the verified topics no longer hold);
     * an event published again since is kept at its later ref.
     *
     * @return how many refs it forgot
     */
    long prune(final Instant before) throws RocksDBException {
        long forgotten = 0;
        final byte[] end = key(TIME, time(before));
        try (WriteBatch batch = new WriteBatch(); RocksIterator iterator = db().newIterator()) {
            for (iterator.seek(new byte[] {TIME}); iterator.isValid() && compare(iterator.key(), end) < 0; iterator.next()) {
                final byte[] timeKey = iterator.key();
                final byte[] eventKey = key(EVENT, Arrays.copyOfRange(timeKey, 1 + Long.BYTES, timeKey.length));
                final byte[] stored = get(eventKey);
                // A ref received later than this key is of the event published again: kept.
                if (stored != null && Json.read(stored, VerifiedRef.class).receivedAt().toEpochMilli() <= timeAt(timeKey, 1).toEpochMilli()) {
                    batch.delete(eventKey);
                    forgotten++;
                }
                batch.delete(timeKey);
            }
            write(batch);
        }
        return forgotten;
    }

    private static byte[] name(final String source, final String eventId) {
        return IndexKeys.concat(utf8(source), ZERO, utf8(eventId));
    }
}

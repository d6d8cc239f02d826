package io.hookgate.admin.view;

import io.hookgate.admin.errors.BadRequest;
import io.hookgate.core.json.Json;
import org.apache.kafka.common.TopicPartition;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A local, persistent index of one kind of entry (DLQ or rejected) in RocksDB, so that listing
 * with a filter reads only the matching range whatever the size of the topic. Keys, ordered as
 * bytes:
 * <pre>
 * e id                          the entry (JSON)
 * p id                          what replay needs (the DLQ entry, or the raw record)
 * t time id                     by time
 * i field value 0 time id       by subscription (S), source (O) and reason (R), then time
 * r id                          its replay state
 * o topic 0 partition           the next offset to read, written with the entries it covers
 * q topic 0 partition offset    a record that could not be read (quarantined), written with the offset that passes it
 * v                             the format of this index, {@value #FORMAT}
 * </pre>
 * An index of another format (format 1 kept originals with their credentials in clear; format 2
 * lacked the client and user agent of rejected entries) is deleted at open, and rebuilt from Kafka.
 * Thread-safe (RocksDB is).
 */
public final class EntryStore implements AutoCloseable {

    /** Entries examined at most for one page, so one page answers in bounded time whatever the filter. */
    static final int SCAN_BUDGET = 200_000;

    /** The format of the keys and values; a change deletes older indexes, which are rebuilt from Kafka. */
    static final String FORMAT = "3";
    private static final Logger LOG = LoggerFactory.getLogger(EntryStore.class);

    private static final byte[] FORMAT_KEY = {'v'};
    private static final byte ENTRY = 'e';
    private static final byte PAYLOAD = 'p';
    private static final byte TIME = 't';
    private static final byte INDEX = 'i';
    private static final byte REPLAY = 'r';
    private static final byte OFFSET = 'o';
    private static final byte QUARANTINE = 'q';
    private static final byte SUBSCRIPTION = 'S';
    private static final byte SOURCE = 'O';
    private static final byte REASON = 'R';

    private final RocksDB db;
    private final Options options;
    private final WriteOptions writeOptions;

    public EntryStore(final Path directory) {
        // Native objects need the library loaded first, field initialisers included.
        RocksDB.loadLibrary();
        writeOptions = new WriteOptions();
        options = new Options().setCreateIfMissing(true);
        try {
            Files.createDirectories(directory);
            db = openCurrent(directory);
        } catch (RocksDBException | java.io.IOException e) {
            options.close();
            writeOptions.close();
            throw new IllegalStateException("cannot open the admin index in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Opens the index in {@code directory}, deleting it first when it is of another format. */
    private RocksDB openCurrent(final Path directory) throws RocksDBException {
        final RocksDB opened = RocksDB.open(options, directory.toString());
        final byte[] format = opened.get(FORMAT_KEY);
        if (format != null && FORMAT.equals(new String(format, StandardCharsets.US_ASCII))) {
            return opened;
        }
        final boolean empty;
        try (RocksIterator iterator = opened.newIterator()) {
            iterator.seekToFirst();
            empty = !iterator.isValid();
        }
        if (empty) {
            opened.put(FORMAT_KEY, FORMAT.getBytes(StandardCharsets.US_ASCII));
            return opened;
        }
        opened.close();
        LOG.warn("The admin index in {} has another format; deleting it (an old one may hold credentials in clear) and rebuilding it from Kafka",
            directory);
        RocksDB.destroyDB(directory.toString(), options);
        final RocksDB fresh = RocksDB.open(options, directory.toString());
        fresh.put(FORMAT_KEY, FORMAT.getBytes(StandardCharsets.US_ASCII));
        return fresh;
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
    }

    private static void index(final WriteBatch batch, final byte field, final String value, final byte[] time, final byte[] id)
        throws RocksDBException {
        if (value != null) {
            batch.put(key(INDEX, new byte[] {field}, utf8(value), new byte[] {0}, time, id), new byte[0]);
        }
    }

    /** Adds the next offset to read of {@code partition} to {@code batch}. */
    void position(final WriteBatch batch, final TopicPartition partition, final long nextOffset) throws RocksDBException {
        batch.put(offsetKey(partition), ByteBuffer.allocate(Long.BYTES).putLong(nextOffset).array());
    }

    /** Adds {@code record} to the quarantined records in {@code batch}. */
    void quarantine(final WriteBatch batch, final QuarantinedRecord record) throws RocksDBException {
        batch.put(key(QUARANTINE, utf8(record.topic()), new byte[] {0}, ByteBuffer.allocate(Integer.BYTES + Long.BYTES)
            .putInt(record.partition()).putLong(record.offset()).array()), Json.write(record));
    }

    /** The first {@code limit} quarantined records, by topic, partition and offset. */
    List<QuarantinedRecord> quarantined(final int limit) {
        final List<QuarantinedRecord> records = new ArrayList<>();
        try (RocksIterator iterator = db.newIterator()) {
            for (iterator.seek(new byte[] {QUARANTINE}); iterator.isValid() && iterator.key()[0] == QUARANTINE && records.size() < limit;
                 iterator.next()) {
                records.add(Json.read(iterator.value(), QuarantinedRecord.class));
            }
        }
        return records;
    }

    long quarantinedCount() {
        long count = 0;
        try (RocksIterator iterator = db.newIterator()) {
            for (iterator.seek(new byte[] {QUARANTINE}); iterator.isValid() && iterator.key()[0] == QUARANTINE; iterator.next()) {
                count++;
            }
        }
        return count;
    }

    void write(final WriteBatch batch) throws RocksDBException {
        db.write(writeOptions, batch);
    }

    /** The next offset to read of {@code partition}, or -1 when it was never read. */
    long position(final TopicPartition partition) {
        final byte[] value = get(offsetKey(partition));
        return value == null ? -1 : ByteBuffer.wrap(value).getLong();
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
        try {
            db.put(writeOptions, key(REPLAY, utf8(id)), Json.write(state));
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot write the replay state of " + id, e);
        }
    }

    /** Forgets the replay state of {@code id} (a tombstone in {@code admin.replays}). */
    void deleteReplayState(final String id) {
        try {
            db.delete(writeOptions, key(REPLAY, utf8(id)));
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot delete the replay state of " + id, e);
        }
    }

    /** One page of the entries {@code filter} matches, oldest first, through the most selective index. */
    public Page list(final EntryFilter filter) {
        final byte[] prefix = indexPrefix(filter);
        final byte[] start = filter.cursor() != null ? cursorKey(filter.cursor(), prefix)
            : concat(prefix, time(filter.since() == null ? Instant.EPOCH : filter.since()));
        final byte[] end = filter.until() == null ? upperBound(prefix) : concat(prefix, time(filter.until()));
        final List<AdminEntry> entries = new ArrayList<>();
        try (RocksIterator iterator = db.newIterator()) {
            iterator.seek(start);
            if (filter.cursor() != null && iterator.isValid() && Arrays.equals(iterator.key(), start)) {
                iterator.next();
            }
            int scanned = 0;
            while (iterator.isValid() && compare(iterator.key(), end) < 0) {
                final byte[] key = iterator.key();
                final String id = new String(key, prefix.length + Long.BYTES, key.length - prefix.length - Long.BYTES, StandardCharsets.UTF_8);
                final Optional<AdminEntry> entry = get(id);
                if (entry.isPresent() && filter.matches(entry.get())) {
                    entries.add(entry.get());
                    if (entries.size() == filter.limit()) {
                        iterator.next();
                        return new Page(entries, iterator.isValid() && compare(iterator.key(), end) < 0 ? cursor(key) : null);
                    }
                }
                if (++scanned >= SCAN_BUDGET) {
                    // A sparse filter: answer what was found so far and where to go on.
                    return new Page(entries, cursor(key));
                }
                iterator.next();
            }
        }
        return new Page(entries, null);
    }

    /**
     * The key a cursor names, checked to be a key of the index this filter reads.
     *
     * @throws BadRequest when it is not base64url, or not a cursor of this filter
     */
    private static byte[] cursorKey(final String cursor, final byte[] prefix) {
        final byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw BadRequest.parameter("cursor", "not a cursor (pass the nextCursor of the previous page)");
        }
        // prefix, 8 bytes of time, then a non-empty id: the shape of every key the listing pages through.
        if (key.length <= prefix.length + Long.BYTES || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
            throw BadRequest.parameter("cursor", "not a cursor of this listing (pass the nextCursor of the previous page, with the same filters)");
        }
        return key;
    }

    private static String cursor(final byte[] key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    private static byte[] indexPrefix(final EntryFilter filter) {
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

    private byte[] get(final byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new UncheckedIOException(new java.io.IOException("admin index read failed", e));
        }
    }

    private static byte[] offsetKey(final TopicPartition partition) {
        return key(OFFSET, utf8(partition.topic()), new byte[] {0}, ByteBuffer.allocate(Integer.BYTES).putInt(partition.partition()).array());
    }

    private static byte[] time(final Instant at) {
        return ByteBuffer.allocate(Long.BYTES).putLong(Math.max(0, at.toEpochMilli())).array();
    }

    private static byte[] key(final byte kind, final byte[]... parts) {
        return concat(new byte[] {kind}, concat(parts));
    }

    private static byte[] concat(final byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        final ByteBuffer buffer = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }

    private static byte[] upperBound(final byte[] prefix) {
        final byte[] bound = prefix.clone();
        bound[bound.length - 1]++;
        return bound;
    }

    private static int compare(final byte[] a, final byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        db.close();
        options.close();
        writeOptions.close();
    }
}

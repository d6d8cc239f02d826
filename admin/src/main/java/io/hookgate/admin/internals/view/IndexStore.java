package io.hookgate.admin.internals.view;

import io.hookgate.core.json.Json;
import org.apache.kafka.common.TopicPartition;
import org.rocksdb.AbstractWriteBatch;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.hookgate.admin.internals.view.IndexKeys.key;
import static io.hookgate.admin.internals.view.IndexKeys.utf8;

/**
 * What every store of the admin index is: a RocksDB of its own, of a recorded format (an index of
 * another format is deleted at open, to be rebuilt from Kafka), holding beside its entries the next
 * offset to read of each partition it indexes and the records of them it could not read, each
 * written in the same batch as the entries they cover. Keys of this base, ordered as bytes:
 * <pre>
 * o topic 0 partition           the next offset to read
 * q topic 0 partition offset    a record that could not be read (quarantined)
 * v                             the format of this index
 * </pre>
 * A subclass keeps its entries under other leading bytes. Thread-safe (RocksDB is).
 */
public abstract class IndexStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IndexStore.class);
    private static final byte[] FORMAT_KEY = {'v'};
    private static final byte OFFSET = 'o';
    private static final byte QUARANTINE = 'q';

    private final RocksDB db;
    private final Options options;
    private final WriteOptions writeOptions;

    /**
     * @param format the format of the subclass's keys and values; a change deletes older indexes
     * @throws IllegalStateException when the directory cannot be opened
     */
    protected IndexStore(final Path directory, final String format) {
        // Native objects need the library loaded first, field initialisers included.
        RocksDB.loadLibrary();
        writeOptions = new WriteOptions();
        options = new Options().setCreateIfMissing(true);
        try {
            Files.createDirectories(directory);
            db = openCurrent(directory, format);
        } catch (RocksDBException | IOException e) {
            options.close();
            writeOptions.close();
            throw new IllegalStateException("cannot open the admin index in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Opens the index in {@code directory}, deleting it first when it is of another format. */
    private RocksDB openCurrent(final Path directory, final String format) throws RocksDBException {
        final byte[] expected = format.getBytes(StandardCharsets.US_ASCII);
        final RocksDB opened = RocksDB.open(options, directory.toString());
        final byte[] found = opened.get(FORMAT_KEY);
        if (found != null && java.util.Arrays.equals(found, expected)) {
            return opened;
        }
        final boolean empty;
        try (RocksIterator iterator = opened.newIterator()) {
            iterator.seekToFirst();
            empty = !iterator.isValid();
        }
        if (empty) {
            opened.put(FORMAT_KEY, expected);
            return opened;
        }
        opened.close();
        LOG.warn("The admin index in {} has another format; deleting it (an old one may hold credentials in clear) and rebuilding it from Kafka",
            directory);
        RocksDB.destroyDB(directory.toString(), options);
        final RocksDB fresh = RocksDB.open(options, directory.toString());
        fresh.put(FORMAT_KEY, expected);
        return fresh;
    }

    /** The database, for the subclass's own keys. */
    protected final RocksDB db() {
        return db;
    }

    /** The value of {@code key}, or null. */
    protected final byte[] get(final byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new UncheckedIOException(new IOException("admin index read failed", e));
        }
    }

    /** The value of {@code key} as {@code batch} (not yet written) would leave it, or null. */
    protected final byte[] get(final WriteBatchWithIndex batch, final byte[] key) {
        try (org.rocksdb.ReadOptions read = new org.rocksdb.ReadOptions()) {
            return batch.getFromBatchAndDB(db, read, key);
        } catch (RocksDBException e) {
            throw new UncheckedIOException(new IOException("admin index read failed", e));
        }
    }

    /** Writes {@code value} at {@code key} at once (outside any batch). */
    protected final void put(final byte[] key, final byte[] value) {
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            throw new UncheckedIOException(new IOException("admin index write failed", e));
        }
    }

    /** Deletes {@code key} at once (outside any batch). */
    protected final void delete(final byte[] key) {
        try {
            db.delete(writeOptions, key);
        } catch (RocksDBException e) {
            throw new UncheckedIOException(new IOException("admin index write failed", e));
        }
    }

    /** Adds the next offset to read of {@code partition} to {@code batch}. */
    final void position(final AbstractWriteBatch batch, final TopicPartition partition, final long nextOffset) throws RocksDBException {
        batch.put(offsetKey(partition), ByteBuffer.allocate(Long.BYTES).putLong(nextOffset).array());
    }

    /** The next offset to read of {@code partition}, or -1 when it was never read. */
    final long position(final TopicPartition partition) {
        final byte[] value = get(offsetKey(partition));
        return value == null ? -1 : ByteBuffer.wrap(value).getLong();
    }

    /** Adds {@code record} to the quarantined records in {@code batch}. */
    final void quarantine(final AbstractWriteBatch batch, final QuarantinedRecord record) throws RocksDBException {
        batch.put(key(QUARANTINE, utf8(record.topic()), new byte[] {0}, ByteBuffer.allocate(Integer.BYTES + Long.BYTES)
            .putInt(record.partition()).putLong(record.offset()).array()), Json.write(record));
    }

    /** The first {@code limit} quarantined records, by topic, partition and offset. */
    final List<QuarantinedRecord> quarantined(final int limit) {
        final List<QuarantinedRecord> records = new ArrayList<>();
        try (RocksIterator iterator = db.newIterator()) {
            for (iterator.seek(new byte[] {QUARANTINE}); iterator.isValid() && iterator.key()[0] == QUARANTINE && records.size() < limit;
                 iterator.next()) {
                records.add(Json.read(iterator.value(), QuarantinedRecord.class));
            }
        }
        return records;
    }

    final long quarantinedCount() {
        long count = 0;
        try (RocksIterator iterator = db.newIterator()) {
            for (iterator.seek(new byte[] {QUARANTINE}); iterator.isValid() && iterator.key()[0] == QUARANTINE; iterator.next()) {
                count++;
            }
        }
        return count;
    }

    final void write(final WriteBatch batch) throws RocksDBException {
        db.write(writeOptions, batch);
    }

    final void write(final WriteBatchWithIndex batch) throws RocksDBException {
        db.write(writeOptions, batch);
    }

    private static byte[] offsetKey(final TopicPartition partition) {
        return key(OFFSET, utf8(partition.topic()), new byte[] {0}, ByteBuffer.allocate(Integer.BYTES).putInt(partition.partition()).array());
    }

    @Override
    public void close() {
        db.close();
        options.close();
        writeOptions.close();
    }
}

package io.hookgate.processor.internals.dedup;

import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys of the expiry index: the expiry time as 8 big-endian bytes, then the dedup key. RocksDB
 * orders keys by bytes, so a range scan from the start up to "now" finds exactly what expired,
 * without scanning the whole store.
 */
final class ExpiryIndex {

    private ExpiryIndex() {
    }

    static Bytes key(final long expiresAt, final String dedupKey) {
        final byte[] suffix = dedupKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + suffix.length).putLong(Math.max(0, expiresAt)).put(suffix).array());
    }

    /** The first key of entries expiring at {@code expiresAt}. */
    static Bytes start(final long expiresAt) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(Math.max(0, expiresAt)).array());
    }

    static long expiresAt(final Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong();
    }

    static String dedupKey(final Bytes key) {
        final byte[] bytes = key.get();
        return new String(bytes, Long.BYTES, bytes.length - Long.BYTES, StandardCharsets.UTF_8);
    }
}

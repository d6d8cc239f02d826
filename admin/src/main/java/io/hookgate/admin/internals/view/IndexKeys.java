package io.hookgate.admin.internals.view;

import io.hookgate.admin.internals.errors.BadRequest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * How the admin index's stores spell their keys: a kind byte and parts, times as 8 big-endian bytes
 * of epoch milliseconds (so that keys sort by time), and the cursors of their listings (the
 * base64url of the last key a page read).
 */
final class IndexKeys {

    private IndexKeys() {
    }

    static byte[] key(final byte kind, final byte[]... parts) {
        return concat(new byte[] {kind}, concat(parts));
    }

    static byte[] concat(final byte[]... parts) {
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

    static byte[] time(final Instant at) {
        return ByteBuffer.allocate(Long.BYTES).putLong(Math.max(0, at.toEpochMilli())).array();
    }

    /** The time in {@code key} at {@code offset}. */
    static Instant timeAt(final byte[] key, final int offset) {
        return Instant.ofEpochMilli(ByteBuffer.wrap(key, offset, Long.BYTES).getLong());
    }

    static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The text of {@code key} from {@code offset} to its end. */
    static String textFrom(final byte[] key, final int offset) {
        return new String(key, offset, key.length - offset, StandardCharsets.UTF_8);
    }

    /** The first key after every key that starts with {@code prefix}. */
    static byte[] upperBound(final byte[] prefix) {
        final byte[] bound = prefix.clone();
        bound[bound.length - 1]++;
        return bound;
    }

    static boolean startsWith(final byte[] key, final byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    static int compare(final byte[] a, final byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    static String cursor(final byte[] key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /**
     * The key a cursor names, checked to be a key of the listing {@code prefix} starts: the prefix,
     * 8 bytes of time, then a non-empty id.
     *
     * @throws BadRequest when it is not base64url, or not a cursor of this listing
     */
    static byte[] cursorKey(final String cursor, final byte[] prefix) {
        final byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw BadRequest.parameter("cursor", "not a cursor (pass the nextCursor of the previous page)");
        }
        if (key.length <= prefix.length + Long.BYTES || !startsWith(key, prefix)) {
            throw BadRequest.parameter("cursor", "not a cursor of this listing (pass the nextCursor of the previous page, with the same filters)");
        }
        return key;
    }
}

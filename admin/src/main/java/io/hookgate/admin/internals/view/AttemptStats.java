package io.hookgate.admin.internals.view;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The attempts of one subscription in some span of time (one minute, as the index keeps them, or
 * the sum of several): how many, how many delivered, and how long they took, in buckets that grow
 * by {@value #GROWTH} (so that a percentile read from them is the upper bound of its bucket: at most
 * 10 % and 1 ms above the exact value) up to {@value #LAST_BOUND_MS} ms; longer ones count in a
 * last bucket, read as the longest seen. Immutable; its bytes are what the index stores.
 */
public final class AttemptStats {

    static final double GROWTH = 1.1;
    static final long LAST_BOUND_MS = 600_000;
    /** The upper bound (inclusive, ms) of each bucket but the last, which holds the rest. */
    private static final long[] BOUNDS = bounds();

    private final long attempts;
    private final long delivered;
    private final long longestMs;
    private final long[] buckets;

    private AttemptStats(final long attempts, final long delivered, final long longestMs, final long[] buckets) {
        this.attempts = attempts;
        this.delivered = delivered;
        this.longestMs = longestMs;
        this.buckets = buckets;
    }

    public static AttemptStats none() {
        return new AttemptStats(0, 0, 0, new long[BOUNDS.length + 1]);
    }

    private static long[] bounds() {
        final List<Long> bounds = new ArrayList<>();
        for (double bound = 1; bound <= LAST_BOUND_MS; bound *= GROWTH) {
            final long ceiling = (long) Math.ceil(bound);
            if (bounds.isEmpty() || bounds.get(bounds.size() - 1) < ceiling) {
                bounds.add(ceiling);
            }
        }
        bounds.add(LAST_BOUND_MS);
        return bounds.stream().distinct().mapToLong(Long::longValue).toArray();
    }

    /** These stats with one attempt more, of {@code durationMs}. */
    public AttemptStats plus(final boolean wasDelivered, final long durationMs) {
        final long[] counts = buckets.clone();
        counts[bucket(Math.max(0, durationMs))]++;
        return new AttemptStats(attempts + 1, delivered + (wasDelivered ? 1 : 0), Math.max(longestMs, durationMs), counts);
    }

    /** The sum of these and {@code other}. */
    public AttemptStats plus(final AttemptStats other) {
        final long[] counts = buckets.clone();
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.buckets[i];
        }
        return new AttemptStats(attempts + other.attempts, delivered + other.delivered, Math.max(longestMs, other.longestMs), counts);
    }

    private static int bucket(final long durationMs) {
        final int found = Arrays.binarySearch(BOUNDS, durationMs);
        return found >= 0 ? found : -found - 1;
    }

    public long attempts() {
        return attempts;
    }

    public long delivered() {
        return delivered;
    }

    public long failed() {
        return attempts - delivered;
    }

    /** {@code delivered / attempts}, or null without attempts. */
    public Double successRate() {
        return attempts == 0 ? null : (double) delivered / attempts;
    }

    /**
     * The duration under which {@code quantile} (0..1] of the attempts took, as the upper bound of the
     * bucket that holds that rank; null without attempts.
     */
    public Long percentileMs(final double quantile) {
        if (attempts == 0) {
            return null;
        }
        final long rank = Math.max(1, (long) Math.ceil(quantile * attempts));
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return i < BOUNDS.length ? Math.min(BOUNDS[i], longestMs) : longestMs;
            }
        }
        return longestMs;
    }

    /** As the index stores it: the counts, the longest, and each non-empty bucket with its index. */
    byte[] bytes() {
        int used = 0;
        for (long count : buckets) {
            used += count > 0 ? 1 : 0;
        }
        final ByteBuffer out = ByteBuffer.allocate(3 * Long.BYTES + Short.BYTES + used * (Short.BYTES + Long.BYTES));
        out.putLong(attempts).putLong(delivered).putLong(longestMs).putShort((short) used);
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] > 0) {
                out.putShort((short) i).putLong(buckets[i]);
            }
        }
        return out.array();
    }

    /** What {@link #bytes()} wrote, or none for null. */
    static AttemptStats of(final byte[] bytes) {
        if (bytes == null) {
            return none();
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        final long attempts = in.getLong();
        final long delivered = in.getLong();
        final long longest = in.getLong();
        final long[] counts = new long[BOUNDS.length + 1];
        for (int i = in.getShort(); i > 0; i--) {
            counts[in.getShort()] = in.getLong();
        }
        return new AttemptStats(attempts, delivered, longest, counts);
    }
}

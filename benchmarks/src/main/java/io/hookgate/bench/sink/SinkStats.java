package io.hookgate.bench.sink;

import java.util.List;
import java.util.Map;

/**
 * What the sink saw: deliveries by request path, and the end-to-end latencies of bodies that
 * carried their send time. Times are epoch microseconds, on the machine's clock that every
 * process of a run shares.
 *
 * @param bucketMillis width of the buckets of {@link PathStats#buckets()}
 * @param paths        deliveries by request path
 * @param latency      end-to-end latencies, or null when no body carried a send time
 */
public record SinkStats(long bucketMillis, Map<String, PathStats> paths, Latency latency) {

    /** The deliveries to the paths that start with {@code prefix}, summed. */
    public PathStats under(final String prefix) {
        long count = 0;
        long first = Long.MAX_VALUE;
        long last = 0;
        final java.util.TreeMap<Long, Long> buckets = new java.util.TreeMap<>();
        for (Map.Entry<String, PathStats> entry : paths.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                final PathStats stats = entry.getValue();
                count += stats.count();
                first = Math.min(first, stats.firstMicros());
                last = Math.max(last, stats.lastMicros());
                stats.buckets().forEach((bucket, n) -> buckets.merge(bucket, n, Long::sum));
            }
        }
        return new PathStats(count, count == 0 ? 0 : first, last, buckets);
    }

    /**
     * Deliveries to one path.
     *
     * @param buckets deliveries by bucket: epoch millis divided by {@link #bucketMillis()}
     */
    public record PathStats(long count, long firstMicros, long lastMicros, Map<Long, Long> buckets) {

        /** Deliveries per second from the first to the last. */
        public double rate() {
            return count < 2 ? 0 : (count - 1) / seconds();
        }

        public double seconds() {
            return (lastMicros - firstMicros) / 1e6;
        }

        /**
         * Seconds from the {@code from}th delivery to the {@code to}th (the 0th is the first), read
         * from buckets {@code bucketMillis} wide and interpolated within a bucket: deliveries before
         * {@code from} (a warm-up) and after {@code to} (a late straggler, such as a retry of an
         * attempt that timed out) do not count. Up to the last delivery when fewer than {@code to} arrived.
         */
        public double secondsBetween(final long from, final long to, final long bucketMillis) {
            final double start = from == 0 ? firstMicros / 1000.0 : millisAt(from, bucketMillis);
            final double end = count < to ? lastMicros / 1000.0 : millisAt(to, bucketMillis);
            return Math.max(0, end - start) / 1000;
        }

        /** Epoch millis when the {@code n}th delivery arrived, as far as the buckets tell. */
        private double millisAt(final long n, final long bucketMillis) {
            long seen = 0;
            for (Map.Entry<Long, Long> bucket : new java.util.TreeMap<>(buckets).entrySet()) {
                if (seen + bucket.getValue() >= n) {
                    return (bucket.getKey() + (double) (n - seen) / bucket.getValue()) * bucketMillis;
                }
                seen += bucket.getValue();
            }
            return lastMicros / 1000.0;
        }
    }

    /**
     * End-to-end latencies in microseconds: the sink's receive time minus the send time in the body.
     *
     * @param perSecond one entry per second of receive time
     * @param stages    the same latency cut at the envelope's {@code receivedAt} and {@code verifiedAt}, by stage name
     *                  ({@link Stages#NAMES}); empty when the bodies carried no envelope
     */
    public record Latency(long count, long p50, long p95, long p99, long max, List<Second> perSecond, Map<String, Stage> stages) {
    }

    /** One stage's latencies in microseconds. */
    public record Stage(long count, long p50, long p99, long max) {
    }

    /** The latencies of the deliveries received in one second. */
    public record Second(long epochSecond, long count, long p50, long p99, long max) {
    }
}

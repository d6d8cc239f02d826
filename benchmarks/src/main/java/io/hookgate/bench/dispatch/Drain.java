package io.hookgate.bench.dispatch;

import io.hookgate.bench.sink.SinkStats;

/**
 * One drain of preloaded tasks, as the sink saw it: timed from the {@code warmup}th delivery to
 * the {@code warmup + timed}th.
 *
 * @param name           what drained them
 * @param deliveries     what the sink counted
 * @param warmup         deliveries before the timed ones (they warm the JIT)
 * @param timed          deliveries timed
 * @param bucketMillis   width of the sink's buckets
 * @param cpuBusyPercent the machine's CPU busy share over the timed window
 * @param processCores   cores the draining process kept busy over the timed window
 */
record Drain(String name, SinkStats.PathStats deliveries, long warmup, long timed, long bucketMillis, double cpuBusyPercent,
             double processCores) {

    /** Seconds of the timed deliveries. */
    double seconds() {
        return deliveries.secondsBetween(warmup, warmup + timed, bucketMillis);
    }

    /** Timed deliveries per second. */
    double rate() {
        return Math.max(0, Math.min(warmup + timed, deliveries.count()) - warmup) / seconds();
    }

    boolean complete() {
        return deliveries.count() >= warmup + timed;
    }
}

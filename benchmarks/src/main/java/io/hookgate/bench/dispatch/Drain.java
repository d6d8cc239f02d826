package io.hookgate.bench.dispatch;

import io.hookgate.bench.sink.SinkStats;

/**
 * One drain of preloaded tasks, as the sink saw it: timed from the {@code warmup}th delivery
 * until 99 % of the {@code timed} ones arrived. The last 1 % is left out so that a few stragglers
 * (a task deferred or retried on a later tier) do not decide the figure; {@link #tailSeconds()}
 * says how long they took.
 *
 * @param name           what drained them
 * @param deliveries     what the sink counted
 * @param warmup         deliveries before the timed ones (they warm the JIT)
 * @param timed          deliveries timed
 * @param bucketMillis   width of the sink's buckets
 * @param cpuBusyPercent the machine's CPU busy share over the timed window
 * @param processCores   cores the draining process kept busy over the timed window
 * @param attempts       what a hookgate dispatcher counted (delivered, retried, deferred), or empty for the baseline
 */
record Drain(String name, SinkStats.PathStats deliveries, long warmup, long timed, long bucketMillis, double cpuBusyPercent,
             double processCores, String attempts) {

    private static final double SHARE = 0.99;

    /** Seconds from the warm-up's end until 99 % of the timed deliveries arrived. */
    double seconds() {
        return deliveries.secondsBetween(warmup, warmup + counted(), bucketMillis);
    }

    /** Timed deliveries per second (the first 99 %). */
    double rate() {
        return Math.max(0, Math.min(warmup + counted(), deliveries.count()) - warmup) / seconds();
    }

    /** Seconds from the 99 % mark to the last timed delivery. */
    double tailSeconds() {
        return deliveries.secondsBetween(warmup + counted(), warmup + timed, bucketMillis);
    }

    private long counted() {
        return (long) Math.ceil(timed * SHARE);
    }

    boolean complete() {
        return deliveries.count() >= warmup + timed;
    }
}

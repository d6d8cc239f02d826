package io.hookgate.dispatcher.internals.loop;

import io.hookgate.core.time.Ticker;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The tasks of one partition that were read but not yet completed. Tasks complete out of order
 * (one endpoint is slow, another fast); the offset that may be committed is the one after the
 * highest contiguous completed offset, so a restart re-reads every task not yet completed.
 * Used by the poll loop's thread only.
 */
final class PartitionProgress {

    private final Ticker ticker;
    private final NavigableMap<Long, Boolean> window = new TreeMap<>();
    private long position = -1;
    private long committed = -1;
    private int incomplete;
    /** Since when tasks have waited with the commit point standing still. */
    private long waitingSinceNanos;

    PartitionProgress(final Ticker ticker) {
        this.ticker = ticker;
    }

    void started(final long offset) {
        if (incomplete == 0) {
            waitingSinceNanos = ticker.read();
        }
        window.put(offset, Boolean.FALSE);
        incomplete++;
    }

    void completed(final long offset) {
        if (!Boolean.FALSE.equals(window.replace(offset, Boolean.TRUE))) {
            return;
        }
        incomplete--;
        final long before = position;
        while (!window.isEmpty() && window.firstEntry().getValue()) {
            position = window.pollFirstEntry().getKey() + 1;
        }
        if (position != before) {
            waitingSinceNanos = ticker.read();
        }
    }

    /** How long the commit point has not moved while tasks wait; zero when none waits. */
    long stalledNanos(final long nowNanos) {
        return incomplete == 0 ? 0 : nowNanos - waitingSinceNanos;
    }

    /** The offset to commit if it moved since the last commit, else -1. */
    long toCommit() {
        return position > committed ? position : -1;
    }

    void markCommitted(final long offset) {
        committed = Math.max(committed, offset);
    }

    /** Tasks read and not completed. */
    int pending() {
        return incomplete;
    }

    /**
     * Tasks read since the last committable offset, completed or not: what a restart would read
     * again. One slow task holds the window open while faster ones complete behind it.
     */
    int window() {
        return window.size();
    }
}

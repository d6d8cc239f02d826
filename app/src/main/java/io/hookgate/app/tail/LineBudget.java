package io.hookgate.app.tail;

import io.hookgate.core.time.Ticker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Keeps a live view readable, and cheap, at any rate: at most {@code perSecond} lines in each second.
 * A record past the budget is fetched but not parsed, only counted under what its topic says happened
 * ("received", "verified", ...); once its second is over, {@link #summary} says how many were left
 * out. {@code perSecond} 0 admits every line. Not thread-safe: the feed's thread owns it.
 */
final class LineBudget {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final int perSecond;
    private final Ticker ticker;
    private final Map<String, Long> skipping = new LinkedHashMap<>();
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private long windowStart;
    private int admitted;

    LineBudget(final int perSecond, final Ticker ticker) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("lines per second must be 0 (no limit) or more, not " + perSecond);
        }
        this.perSecond = perSecond;
        this.ticker = ticker;
        this.windowStart = ticker.read();
    }

    /** Whether the line of a record of {@code kind} is shown; if not, it is counted under {@code kind}. */
    boolean admit(final String kind) {
        roll();
        if (perSecond == 0 || admitted < perSecond) {
            admitted++;
            return true;
        }
        skipping.merge(kind, 1L, Long::sum);
        return false;
    }

    /**
     * What was left out in the seconds that are over and not yet summarised ("1950 more lines not shown
     * (received 500, verified 500, delivery attempt 950) ..."), then forgotten; empty when nothing was.
     */
    Optional<String> summary() {
        roll();
        if (skipped.isEmpty()) {
            return Optional.empty();
        }
        final long total = skipped.values().stream().mapToLong(Long::longValue).sum();
        final String summary = total + " more lines not shown (" + skipped.entrySet().stream()
            .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", ")) + "): over " + perSecond
            + " a second; hookgate tail prints every one";
        skipped.clear();
        return Optional.of(summary);
    }

    private void roll() {
        final long now = ticker.read();
        if (now - windowStart < SECOND) {
            return;
        }
        windowStart = now;
        admitted = 0;
        skipping.forEach((kind, count) -> skipped.merge(kind, count, Long::sum));
        skipping.clear();
    }
}

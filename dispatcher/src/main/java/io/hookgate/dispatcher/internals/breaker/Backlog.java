package io.hookgate.dispatcher.internals.breaker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many tasks of each subscription this dispatcher has parked and not read back yet: while a
 * subscription has any, its newer tasks must park behind them, so that its tasks keep their order
 * of arrival through parking (the park topic is keyed by subscription, so they share a partition,
 * read in order). Counts only what this instance wrote and reads: a count that has not moved for
 * {@code forgetAfter} (its partition went to another instance, say) is forgotten, which may let a
 * newer task pass an older one but never holds a subscription back for good. After a restart the
 * count starts at 0: tasks parked before are delivered as they come due, possibly after newer ones.
 *
 * <p>It also keeps the order of the parked tasks among themselves: a task read back from the park
 * topic that must wait again goes to the topic's end, behind the subscription's younger parked
 * tasks. So once one is parked again ({@link #parkedAgain}), every younger one read back before it
 * comes back must park again too ({@link #holdsParked}), though its subscription may be enabled,
 * or its breaker closed, by then: otherwise the younger would be delivered first. The hold ends
 * when that task is read back, or, should it never be (its partition moved), after
 * {@code forgetAfter}. Thread-safe.
 */
public final class Backlog {

    private record Count(long parked, Instant touched) {
    }

    /** The task read back and parked again that the younger parked tasks of a subscription wait for, and when it was parked. */
    private record Hold(String deliveryId, Instant parkedAt) {
    }

    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final Duration forgetAfter;
    private final Clock clock;

    public Backlog(final Duration forgetAfter, final Clock clock) {
        this.forgetAfter = forgetAfter;
        this.clock = clock;
    }

    /** A task of {@code subscription} was handed to the park topic. */
    public void parked(final String subscription) {
        counts.merge(subscription, new Count(1, clock.instant()), (current, one) -> new Count(current.parked() + 1, one.touched()));
    }

    /** A task of {@code subscription} left the park topic: read back, or never written after all. */
    public void left(final String subscription) {
        final Instant now = clock.instant();
        counts.computeIfPresent(subscription, (id, current) -> current.parked() <= 1 ? null : new Count(current.parked() - 1, now));
    }

    /** Whether tasks of {@code subscription} wait parked, so that a newer one must park behind them. */
    public boolean holds(final String subscription) {
        final Count count = counts.get(subscription);
        if (count == null) {
            return false;
        }
        if (Duration.between(count.touched(), clock.instant()).compareTo(forgetAfter) > 0) {
            counts.remove(subscription, count);
            return false;
        }
        return true;
    }

    /**
     * Task {@code deliveryId} of {@code subscription}, read back from the park topic, was parked
     * again: the younger ones read back before it must park again too. A hold already set (for an
     * older task, ahead of this one) is kept.
     */
    public void parkedAgain(final String subscription, final String deliveryId) {
        final Instant now = clock.instant();
        holds.compute(subscription, (id, current) -> current == null || expired(current, now) ? new Hold(deliveryId, now) : current);
    }

    /**
     * Whether task {@code deliveryId} of {@code subscription}, read back from the park topic, must
     * park again behind an older one parked again. The one held for lets the hold go: it is
     * handled as usual (and, should it park again, holds the others once more).
     */
    public boolean holdsParked(final String subscription, final String deliveryId) {
        final Hold hold = holds.get(subscription);
        if (hold == null) {
            return false;
        }
        if (hold.deliveryId().equals(deliveryId) || expired(hold, clock.instant())) {
            holds.remove(subscription, hold);
            return false;
        }
        return true;
    }

    private boolean expired(final Hold hold, final Instant now) {
        return Duration.between(hold.parkedAt(), now).compareTo(forgetAfter) > 0;
    }

    /** The tasks of {@code subscription} this dispatcher knows to wait parked. */
    public long size(final String subscription) {
        final Count count = counts.get(subscription);
        return count == null ? 0 : count.parked();
    }
}

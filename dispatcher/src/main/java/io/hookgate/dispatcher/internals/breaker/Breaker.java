package io.hookgate.dispatcher.internals.breaker;

import io.hookgate.core.config.BreakerSettings;
import io.hookgate.core.config.Durations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One subscription's circuit breaker in one dispatcher instance, on an injected clock.
 * <ul>
 *   <li><b>Closed</b>: every task is attempted. Endpoint failures (timeouts, connection errors, 429,
 *   5xx) are counted; a 2xx starts the count again, and only failures within the last
 *   {@code window} count. At {@code failures} the breaker opens.</li>
 *   <li><b>Open</b>: tasks are to be parked, never attempted. Once {@code probeEvery} has passed
 *   since it opened or since the last probe ended, the next task admitted is the probe, and the
 *   breaker is half-open.</li>
 *   <li><b>Half-open</b>: one probe in flight. The tasks admitted meanwhile wait for its answer
 *   ({@link Decision#WAIT}) and are then let go in the order they came, to be admitted again: so
 *   that a task that came due while the probe was out is neither parked behind younger ones nor
 *   passed by them. The probe's 2xx closes the breaker; its failure opens it again for another
 *   {@code probeEvery}; an answer that says nothing of the endpoint's health (a 4xx other than
 *   429, a refused address) or a probe that was never attempted lets the next task probe at once.
 *   A wait lasts no longer than the probe, which its subscription's timeout bounds.</li>
 * </ul>
 * Only the probe closes an open breaker: an attempt started before it opened that succeeds late
 * says little of the endpoint now. Once open for {@code disableAfter} without a successful probe
 * ({@link #disableDue()}), or on a 410 Gone ({@link #gone()}), the subscription is to be disabled;
 * from then on every task is parked. Each change of state is told to the {@link Listener}.
 * Thread-safe: attempts settle on HTTP client threads while the poll loop admits tasks.
 */
public final class Breaker {

    /** Where the breaker stands, with the value of its gauge. */
    public enum State {
        CLOSED(0), OPEN(1), HALF_OPEN(2);

        private final int gauge;

        State(final int gauge) {
            this.gauge = gauge;
        }

        /** The value of {@code hookgate_breaker_state}: 0 closed, 1 open, 2 half-open. */
        public int gauge() {
            return gauge;
        }
    }

    /** What a task admitted now is to do. */
    public enum Decision {
        /** Attempt it: the breaker is closed. */
        ATTEMPT,
        /** Attempt it as the one probe of an open breaker. */
        PROBE,
        /** Park it without an attempt. */
        PARK,
        /** A probe is in flight: the task's waiter runs once it is answered. */
        WAIT
    }

    /**
     * A task's admission.
     *
     * @param probe the number of the probe this task is ({@link Decision#PROBE}), to be given back with its outcome; 0 otherwise
     */
    public record Admission(Decision decision, long probe) {
        static final Admission ATTEMPT = new Admission(Decision.ATTEMPT, 0);
        static final Admission PARK = new Admission(Decision.PARK, 0);
        static final Admission WAIT = new Admission(Decision.WAIT, 0);
    }

    /** Told each change of state; called with the breaker's lock held, so it must not block. */
    @FunctionalInterface
    public interface Listener {
        void changed(State from, State to, String why);
    }

    private final BreakerSettings settings;
    private final Duration disableAfter;
    private final Clock clock;
    private final Listener listener;
    /** When the failures counted in the closed state happened, oldest first. */
    private final Deque<Instant> failures = new ArrayDeque<>();
    /** What waits for the probe in flight, in the order it came. */
    private final List<Runnable> waiting = new ArrayList<>();
    private State state = State.CLOSED;
    private Instant openedAt;
    private Instant nextProbeAt;
    /** The number of the probe in flight; 0 for none. */
    private long probing;
    private long probes;
    private boolean disabling;

    /** @param disableAfter how long it may stay open without a successful probe before the subscription is disabled; zero: never */
    public Breaker(final BreakerSettings settings, final Duration disableAfter, final Clock clock, final Listener listener) {
        this.settings = settings;
        this.disableAfter = disableAfter;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * What the task admitted now is to do. A {@link Decision#PROBE} must be answered by
     * {@link #succeeded}, {@link #failed} or {@link #ended}. On {@link Decision#WAIT},
     * {@code waiter} runs once the probe in flight is answered (on the thread that answers it, with
     * this breaker's lock held), after the waiters that came before it; it then admits the task
     * again. It must not block, nor throw (should one throw, the others still run and the first
     * failure is thrown after them).
     */
    public synchronized Admission admit(final Runnable waiter) {
        if (disabling) {
            return Admission.PARK;
        }
        if (state == State.HALF_OPEN) {
            waiting.add(waiter);
            return Admission.WAIT;
        }
        if (state == State.CLOSED) {
            return Admission.ATTEMPT;
        }
        if (clock.instant().isBefore(nextProbeAt)) {
            return Admission.PARK;
        }
        probing = ++probes;
        change(State.HALF_OPEN, "probe " + probing + " let through");
        return new Admission(Decision.PROBE, probing);
    }

    /** Whether a task admitted earlier, and waiting for room since, may still be attempted: it may not once the breaker opened. */
    public synchronized boolean stillAdmits() {
        return state == State.CLOSED && !disabling;
    }

    /** An attempt (probe {@code probe}, or 0 for none) got a 2xx. */
    public synchronized void succeeded(final long probe) {
        if (state == State.CLOSED) {
            failures.clear();
        } else if (isProbe(probe)) {
            final Duration open = Duration.between(openedAt, clock.instant());
            probing = 0;
            openedAt = null;
            change(State.CLOSED, "a probe succeeded after " + Durations.format(Duration.ofSeconds(open.toSeconds())) + " open");
            release();
        }
    }

    /** An attempt (probe {@code probe}, or 0 for none) failed at the endpoint; {@code what} says how ({@code answered 503}). */
    public synchronized void failed(final long probe, final String what) {
        final Instant now = clock.instant();
        if (state == State.CLOSED) {
            count(now, what);
        } else if (isProbe(probe)) {
            probing = 0;
            nextProbeAt = now.plus(settings.probeEvery());
            change(State.OPEN, "the probe failed: " + what);
            release();
        }
    }

    /** Counts a failure of the closed breaker at {@code now}, opening it at the configured number. */
    private void count(final Instant now, final String what) {
        failures.addLast(now);
        while (failures.peekFirst().isBefore(now.minus(settings.window()))) {
            failures.removeFirst();
        }
        if (failures.size() >= settings.failures()) {
            final int count = failures.size();
            failures.clear();
            openedAt = now;
            nextProbeAt = now.plus(settings.probeEvery());
            change(State.OPEN, count + " failures in a row within " + Durations.format(settings.window()) + ", the last: " + what);
        }
    }

    /**
     * Probe {@code probe} ended without a word on the endpoint's health (it was not attempted, or
     * got an answer such as a 400 that says nothing of it): the next task may probe at once.
     * Nothing for a probe already answered, or for 0.
     */
    public synchronized void ended(final long probe) {
        if (state != State.CLOSED && isProbe(probe)) {
            probing = 0;
            nextProbeAt = clock.instant();
            change(State.OPEN, "the probe ended without a word on the endpoint");
            release();
        }
    }

    /**
     * Whether the subscription is to be disabled now: the breaker has been open for
     * {@code disableAfter} without a successful probe. True once; from then on every task parks.
     */
    public synchronized boolean disableDue() {
        if (disabling || state == State.CLOSED || disableAfter.isZero()
            || Duration.between(openedAt, clock.instant()).compareTo(disableAfter) < 0) {
            return false;
        }
        disabling = true;
        return true;
    }

    /** The endpoint answered 410 Gone: whether the subscription is to be disabled for it now (true once); every task parks from now on. */
    public synchronized boolean gone() {
        if (disabling) {
            return false;
        }
        disabling = true;
        return true;
    }

    /** The subscription could not be disabled (its record was not written): it may be asked again. */
    public synchronized void disableFailed() {
        disabling = false;
    }

    public synchronized State state() {
        return state;
    }

    /**
     * Runs the waiters of the probe just answered, in the order they came, with the lock held: no
     * task admitted meanwhile passes them. One that waits again (the next probe went out) waits
     * for that one.
     */
    private void release() {
        final List<Runnable> released = List.copyOf(waiting);
        waiting.clear();
        RuntimeException first = null;
        for (Runnable waiter : released) {
            try {
                waiter.run();
            } catch (RuntimeException e) {
                // The others still go; the first failure is not lost.
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private boolean isProbe(final long probe) {
        return probe != 0 && probe == probing;
    }

    private void change(final State next, final String why) {
        final State before = state;
        state = next;
        listener.changed(before, next, why);
    }
}

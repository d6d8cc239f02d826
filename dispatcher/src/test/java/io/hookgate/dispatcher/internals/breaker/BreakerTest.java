package io.hookgate.dispatcher.internals.breaker;

import io.hookgate.core.config.BreakerSettings;
import io.hookgate.core.testing.TestClock;
import io.hookgate.dispatcher.internals.breaker.Breaker.Admission;
import io.hookgate.dispatcher.internals.breaker.Breaker.Decision;
import io.hookgate.dispatcher.internals.breaker.Breaker.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BreakerTest {

    /** For tasks a test never lets wait. */
    private static final Runnable NO_WAITER = () -> {
        throw new AssertionError("no task was to wait");
    };

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<String> changes = new ArrayList<>();
    private final Breaker breaker = new Breaker(new BreakerSettings(3, Duration.ofSeconds(10), Duration.ofSeconds(1)), Duration.ofMinutes(5),
        clock, (from, to, why) -> changes.add(from + "->" + to + ": " + why));

    private void fail(final int times) {
        for (int i = 0; i < times; i++) {
            breaker.failed(0, "answered 503");
        }
    }

    @Test
    void opensAtTheConfiguredFailuresWithinTheWindow() {
        fail(2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.admit(NO_WAITER).decision()).isEqualTo(Decision.ATTEMPT);
        fail(1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(changes).containsExactly("CLOSED->OPEN: 3 failures in a row within 10s, the last: answered 503");
        assertThat(breaker.admit(NO_WAITER).decision()).isEqualTo(Decision.PARK);
        assertThat(breaker.stillAdmits()).isFalse();
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotOpenIt() {
        fail(2);
        clock.advance(Duration.ofSeconds(11));
        fail(2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        clock.advance(Duration.ofSeconds(9));
        fail(1);
        // The two of 9 s ago and this one are within 10 s.
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        fail(2);
        breaker.succeeded(0);
        fail(2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void onlyOneProbeAtATimeAndOnlyEveryProbeInterval() {
        fail(3);
        clock.advance(Duration.ofMillis(999));
        assertThat(breaker.admit(NO_WAITER).decision()).isEqualTo(Decision.PARK);
        clock.advance(Duration.ofMillis(1));
        final Admission probe = breaker.admit(NO_WAITER);
        assertThat(probe.decision()).isEqualTo(Decision.PROBE);
        assertThat(probe.probe()).isPositive();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        clock.advance(Duration.ofSeconds(5));
        // However long the probe takes, no second one goes while it is in flight: the others wait for its answer.
        final List<String> released = new ArrayList<>();
        assertThat(breaker.admit(() -> released.add("first")).decision()).isEqualTo(Decision.WAIT);
        assertThat(breaker.admit(() -> released.add("second")).decision()).isEqualTo(Decision.WAIT);
        assertThat(released).isEmpty();
        breaker.failed(probe.probe(), "answered 503");
        assertThat(released).containsExactly("first", "second");
    }

    @Test
    void whatWaitedForASuccessfulProbeIsLetGoInOrderAndAdmittedAgain() {
        fail(3);
        clock.advance(Duration.ofSeconds(1));
        final Admission probe = breaker.admit(NO_WAITER);
        final List<Decision> readmitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            breaker.admit(() -> readmitted.add(breaker.admit(NO_WAITER).decision()));
        }
        breaker.succeeded(probe.probe());
        assertThat(readmitted).containsExactly(Decision.ATTEMPT, Decision.ATTEMPT, Decision.ATTEMPT);
    }

    @Test
    void whatWaitedForAProbeThatSaidNothingWaitsForTheNextOne() {
        fail(3);
        clock.advance(Duration.ofSeconds(1));
        final Admission probe = breaker.admit(NO_WAITER);
        final List<String> order = new ArrayList<>();
        final List<Admission> next = new ArrayList<>();
        breaker.admit(() -> next.add(breaker.admit(NO_WAITER)));
        breaker.admit(() -> order.add("second " + breaker.admit(() -> order.add("second again")).decision()));
        breaker.ended(probe.probe());
        // The first waiter is the next probe at once; the second waits for that one.
        assertThat(next).singleElement().extracting(Admission::decision).isEqualTo(Decision.PROBE);
        assertThat(order).containsExactly("second WAIT");
        breaker.succeeded(next.get(0).probe());
        assertThat(order).containsExactly("second WAIT", "second again");
    }

    @Test
    void aProbesSuccessClosesIt() {
        fail(3);
        clock.advance(Duration.ofSeconds(2));
        final Admission probe = breaker.admit(NO_WAITER);
        // A late success of an attempt started before it opened does not close it: only the probe does.
        breaker.succeeded(0);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        breaker.succeeded(probe.probe());
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.admit(NO_WAITER).decision()).isEqualTo(Decision.ATTEMPT);
        assertThat(changes).last().isEqualTo("HALF_OPEN->CLOSED: a probe succeeded after 2s open");
        // Closed afresh: the failures of before do not count.
        fail(2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void aFailedProbeKeepsItOpenForAnotherInterval() {
        fail(3);
        clock.advance(Duration.ofSeconds(1));
        final Admission probe = breaker.admit(NO_WAITER);
        breaker.failed(probe.probe(), "timeout after 10000ms");
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(changes).last().isEqualTo("HALF_OPEN->OPEN: the probe failed: timeout after 10000ms");
        assertThat(breaker.admit(NO_WAITER).decision()).isEqualTo(Decision.PARK);
        clock.advance(Duration.ofSeconds(1));
        final Admission next = breaker.admit(NO_WAITER);
        assertThat(next.decision()).isEqualTo(Decision.PROBE);
        assertThat(next.probe()).isNotEqualTo(probe.probe());
        // The answer of an old probe is not the new one's.
        breaker.succeeded(probe.probe());
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void aProbeThatSaysNothingOfTheEndpointLetsTheNextTaskProbeAtOnce() {
        fail(3);
        clock.advance(Duration.ofSeconds(1));
        final Admission probe = breaker.admit(NO_WAITER);
        breaker.ended(probe.probe());
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.admit(NO_WAITER).decision()).isEqualTo(Decision.PROBE);
        // Ending a probe that is no longer in flight changes nothing.
        breaker.ended(probe.probe());
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void disableAfterCountsFromOpeningThroughFailedProbesAndIsAskedOnce() {
        assertThat(breaker.disableDue()).as("closed").isFalse();
        fail(3);
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(1));
            breaker.failed(breaker.admit(NO_WAITER).probe(), "answered 503");
        }
        clock.advance(Duration.ofSeconds(59));
        assertThat(breaker.disableDue()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.disableDue()).isTrue();
        assertThat(breaker.disableDue()).isFalse();
        // Disabling: every task parks, even once a probe would be due.
        clock.advance(Duration.ofMinutes(1));
        assertThat(breaker.admit(NO_WAITER).decision()).isEqualTo(Decision.PARK);
        breaker.disableFailed();
        assertThat(breaker.disableDue()).as("asked again after a failed write").isTrue();
    }

    @Test
    void aSuccessfulProbeResetsTheTimeTowardsDisabling() {
        fail(3);
        clock.advance(Duration.ofMinutes(4));
        breaker.succeeded(breaker.admit(NO_WAITER).probe());
        fail(3);
        clock.advance(Duration.ofMinutes(4));
        assertThat(breaker.disableDue()).isFalse();
    }

    @Test
    void zeroNeverDisablesAndGoneDisablesOnce() {
        final Breaker never = new Breaker(new BreakerSettings(1, Duration.ofSeconds(10), Duration.ofSeconds(1)), Duration.ZERO, clock,
            (from, to, why) -> { });
        never.failed(0, "answered 500");
        clock.advance(Duration.ofDays(365));
        assertThat(never.disableDue()).isFalse();
        assertThat(never.gone()).isTrue();
        assertThat(never.gone()).isFalse();
        assertThat(never.admit(NO_WAITER).decision()).isEqualTo(Decision.PARK);
        assertThat(breaker.gone()).isTrue();
        assertThat(breaker.state()).as("gone parks a closed breaker's tasks too").isEqualTo(State.CLOSED);
        assertThat(breaker.admit(NO_WAITER).decision()).isEqualTo(Decision.PARK);
        assertThat(breaker.stillAdmits()).isFalse();
    }
}

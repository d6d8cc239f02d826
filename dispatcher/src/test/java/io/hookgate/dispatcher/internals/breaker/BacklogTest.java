package io.hookgate.dispatcher.internals.breaker;

import io.hookgate.core.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BacklogTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final Backlog backlog = new Backlog(Duration.ofSeconds(90), clock);

    @Test
    void holdsASubscriptionUntilEveryTaskItParkedIsReadBack() {
        assertThat(backlog.holds("a")).isFalse();
        backlog.parked("a");
        backlog.parked("a");
        assertThat(backlog.holds("a")).isTrue();
        assertThat(backlog.holds("b")).isFalse();
        backlog.left("a");
        assertThat(backlog.holds("a")).isTrue();
        backlog.left("a");
        assertThat(backlog.holds("a")).isFalse();
        assertThat(backlog.size("a")).isZero();
    }

    @Test
    void aTaskParkedBeforeARestartIsNotCountedBelowZero() {
        backlog.left("a");
        backlog.parked("a");
        assertThat(backlog.holds("a")).isTrue();
    }

    @Test
    void aCountThatStoodStillTooLongIsForgotten() {
        backlog.parked("a");
        clock.advance(Duration.ofSeconds(60));
        backlog.parked("a");
        clock.advance(Duration.ofSeconds(90));
        assertThat(backlog.holds("a")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(backlog.holds("a")).isFalse();
        assertThat(backlog.size("a")).isZero();
    }

    @Test
    void aParkedTaskParkedAgainHoldsTheYoungerOnesUntilItIsReadBack() {
        assertThat(backlog.holdsParked("a", "t2")).isFalse();
        backlog.parkedAgain("a", "t1");
        backlog.parkedAgain("a", "t2");
        assertThat(backlog.holdsParked("a", "t2")).as("behind t1").isTrue();
        assertThat(backlog.holdsParked("b", "t2")).as("another subscription").isFalse();
        assertThat(backlog.holdsParked("a", "t1")).as("the one held for lets the hold go").isFalse();
        assertThat(backlog.holdsParked("a", "t2")).isFalse();
    }

    @Test
    void aHoldWhoseTaskNeverComesBackIsForgottenButOneParkedAgainEachRoundIsNot() {
        backlog.parkedAgain("a", "t1");
        clock.advance(Duration.ofSeconds(60));
        assertThat(backlog.holdsParked("a", "t1")).isFalse();
        backlog.parkedAgain("a", "t1");
        clock.advance(Duration.ofSeconds(60));
        assertThat(backlog.holdsParked("a", "t2")).as("t1 parked again 60 s ago").isTrue();
        clock.advance(Duration.ofSeconds(31));
        assertThat(backlog.holdsParked("a", "t2")).as("t1 not back within 90 s: its partition moved, say").isFalse();
        backlog.parkedAgain("a", "t2");
        assertThat(backlog.holdsParked("a", "t3")).isTrue();
    }
}

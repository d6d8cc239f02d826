package io.hookgate.dispatcher.internals.retry;

import io.hookgate.core.config.DispatchSettings;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.topics.Topics;
import io.hookgate.dispatcher.internals.http.HttpOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryLadderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final DispatchSettings SETTINGS = new DispatchSettings(
        List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(10), Duration.ofHours(10)),
        Duration.ofHours(1), 1000, 100, Duration.ofSeconds(30));
    /** Without jitter (the random draw is always 0), so that due times are exact. */
    private final RetryLadder ladder = new RetryLadder(SETTINGS, new Topics("hg."), () -> 0.0);

    @Test
    void everyWaitGetsUpToAFifthMoreAtRandomAndNeverLess() {
        final RetryLadder halfJitter = new RetryLadder(SETTINGS, new Topics("hg."), () -> 0.5);
        assertThat(halfJitter.after(2, HttpOutcome.answered(503, Optional.empty()), NOW))
            .isEqualTo(new Verdict.Retry("hg.dispatch.retry.5m", "5m", NOW.plusSeconds(330)));
        assertThat(halfJitter.after(1, HttpOutcome.answered(429, Optional.of(Duration.ofSeconds(60))), NOW))
            .isEqualTo(new Verdict.Retry("hg.dispatch.retry.5m", "5m", NOW.plusSeconds(66)));
        assertThat(halfJitter.deferral(NOW)).contains(new Verdict.Retry("hg.dispatch.retry.5s", "5s", NOW.plusMillis(5500)));

        // With the real random source, tasks that failed together spread over [delay, 1.2 x delay).
        final RetryLadder random = new RetryLadder(SETTINGS, new Topics("hg."));
        final Set<Instant> dueTimes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            final Instant due = ((Verdict.Retry) random.after(2, HttpOutcome.failed("timeout"), NOW)).dueAt();
            assertThat(due).isAfterOrEqualTo(NOW.plusSeconds(300)).isBefore(NOW.plusSeconds(360));
            dueTimes.add(due);
        }
        assertThat(dueTimes).as("distinct due times of 200 tasks failed at once").hasSizeGreaterThan(150);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void twoHundredsAreDelivered(final int status) {
        assertThat(ladder.after(1, HttpOutcome.answered(status, Optional.empty()), NOW)).isInstanceOf(Verdict.Delivered.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 599})
    void retryableStatusesGoToTheNextTier(final int status) {
        final Verdict verdict = ladder.after(1, HttpOutcome.answered(status, Optional.empty()), NOW);
        assertThat(verdict).isEqualTo(new Verdict.Retry("hg.dispatch.retry.5s", "5s", NOW.plusSeconds(5)));
        assertThat(ladder.after(2, HttpOutcome.answered(status, Optional.empty()), NOW))
            .isEqualTo(new Verdict.Retry("hg.dispatch.retry.5m", "5m", NOW.plusSeconds(300)));
    }

    @Test
    void networkErrorsRetryAndTheLastAttemptGoesToTheDlq() {
        assertThat(ladder.after(4, HttpOutcome.failed("timeout"), NOW)).isEqualTo(new Verdict.Retry("hg.dispatch.retry.10h", "10h",
            NOW.plus(Duration.ofHours(10))));
        assertThat(ladder.after(5, HttpOutcome.failed("timeout"), NOW)).isInstanceOf(Verdict.Retry.class);
        final Verdict last = ladder.after(6, HttpOutcome.failed("connection refused"), NOW);
        assertThat(last).isInstanceOf(Verdict.Dead.class);
        assertThat(((Verdict.Dead) last).reason()).isEqualTo(DlqReason.EXHAUSTED);
        assertThat(((Verdict.Dead) last).detail()).contains("6 attempts").contains("connection refused");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 422})
    void otherClientErrorsAreDeadAtOnce(final int status) {
        assertThat(ladder.after(1, HttpOutcome.answered(status, Optional.empty()), NOW))
            .isEqualTo(new Verdict.Dead(DlqReason.REJECTED, "answered " + status));
    }

    @Test
    void goneRedirectAndRefusedHaveTheirOwnReasons() {
        assertThat(((Verdict.Dead) ladder.after(1, HttpOutcome.answered(410, Optional.empty()), NOW)).reason()).isEqualTo(DlqReason.GONE);
        for (int status : new int[] {301, 302, 307, 308}) {
            assertThat(((Verdict.Dead) ladder.after(1, HttpOutcome.answered(status, Optional.empty()), NOW)).reason())
                .isEqualTo(DlqReason.REDIRECT);
        }
        assertThat(((Verdict.Dead) ladder.after(1, HttpOutcome.refused("10.0.0.1 is private"), NOW)).reason())
            .isEqualTo(DlqReason.SSRF_BLOCKED);
    }

    @Test
    void deferralWaitsInTheFirstTierWithoutAnAttempt() {
        assertThat(ladder.deferral(NOW)).contains(new Verdict.Retry("hg.dispatch.retry.5s", "5s", NOW.plusSeconds(5)));
    }

    @Test
    void retryAfterPicksTheSmallestTierAtLeastAsLongAndIsNeverSoonerThanAsked() {
        // Asked 60 s after attempt 1 (normally 5 s): the 5 m tier, due in 60 s.
        assertThat(ladder.after(1, HttpOutcome.answered(429, Optional.of(Duration.ofSeconds(60))), NOW))
            .isEqualTo(new Verdict.Retry("hg.dispatch.retry.5m", "5m", NOW.plusSeconds(60)));
        // Asked less than the scheduled delay: the schedule wins.
        assertThat(ladder.after(2, HttpOutcome.answered(503, Optional.of(Duration.ofSeconds(1))), NOW))
            .isEqualTo(new Verdict.Retry("hg.dispatch.retry.5m", "5m", NOW.plusSeconds(300)));
        // Asked more than dispatch.maxRetryAfter: bounded to one hour, in the 10 h tier.
        assertThat(ladder.after(1, HttpOutcome.answered(429, Optional.of(Duration.ofDays(2))), NOW))
            .isEqualTo(new Verdict.Retry("hg.dispatch.retry.10h", "10h", NOW.plus(Duration.ofHours(1))));
    }

    private static SubscriptionConfig withLadder(final Optional<List<Duration>> delays) {
        final SubscriptionConfig plain = new SubscriptionConfig("s",
            URI.create("https://example.com/"), List.of("a"), List.of(), List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            Duration.ofSeconds(10), 0, false, Optional.empty(), 256);
        return new SubscriptionConfig(plain.id(), plain.url(), plain.sources(), plain.eventTypes(), plain.secrets(),
            plain.timeout(), 0, false, Optional.empty(), 256, plain.breaker(), plain.disableAfter(), delays);
    }

    @Test
    void aSubscriptionsOwnLadderIsWalkedOnTheConfiguredTiers() {
        final SubscriptionConfig own = withLadder(Optional.of(List.of(Duration.ofMinutes(30), Duration.ofMinutes(30))));
        assertThat(ladder.after(own, 1, HttpOutcome.answered(503, Optional.empty()), NOW))
            .isEqualTo(new Verdict.Retry("hg.dispatch.retry.30m", "30m", NOW.plus(Duration.ofMinutes(30))));
        assertThat(ladder.after(own, 2, HttpOutcome.answered(503, Optional.empty()), NOW))
            .isEqualTo(new Verdict.Retry("hg.dispatch.retry.30m", "30m", NOW.plus(Duration.ofMinutes(30))));
        assertThat(ladder.after(own, 3, HttpOutcome.answered(503, Optional.empty()), NOW)).isInstanceOf(Verdict.Dead.class);
        // Not set: the dispatch section's ladder; set to none: no retry at all.
        assertThat(ladder.after(withLadder(Optional.empty()), 5, HttpOutcome.failed("timeout"), NOW)).isInstanceOf(Verdict.Retry.class);
        assertThat(ladder.after(withLadder(Optional.of(List.of())), 1, HttpOutcome.failed("timeout"), NOW))
            .isEqualTo(new Verdict.Dead(DlqReason.EXHAUSTED, "1 attempts failed; last: timeout"));
        // A delay that is no tier (a ladder checked against another configuration) waits no longer than the tier it lands in.
        assertThat(ladder.after(withLadder(Optional.of(List.of(Duration.ofDays(1)))), 1, HttpOutcome.failed("timeout"), NOW))
            .isEqualTo(new Verdict.Retry("hg.dispatch.retry.10h", "10h", NOW.plus(Duration.ofHours(10))));
    }
}

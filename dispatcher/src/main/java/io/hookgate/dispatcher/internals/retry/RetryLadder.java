package io.hookgate.dispatcher.internals.retry;

import io.hookgate.core.config.DispatchSettings;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.config.Durations;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.topics.Topics;
import io.hookgate.dispatcher.internals.http.HttpOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Decides, from an attempt's outcome, whether a delivery succeeded, waits in a retry topic or goes
 * to the DLQ. 2xx succeeds; network errors, timeouts, 408, 429 and 5xx retry on the configured
 * delays (the subscription's {@code retryDelays} when it sets them, each one of the tiers of
 * {@code dispatch.retryDelays}, otherwise those); 410 is {@code gone}, 3xx {@code redirect} (never followed), other 4xx {@code rejected},
 * all without retry. A {@code Retry-After} (bounded by {@code dispatch.maxRetryAfter}) moves the
 * task to the smallest tier whose delay is at least the wait asked, due no sooner than asked,
 * so that every tier keeps its head-of-line order by due time. Every wait gets up to
 * {@value #JITTER_PERCENT} % more, drawn at random, so that tasks that failed together do not come due
 * together; a task never comes due sooner than its delay (or the wait asked) says.
 */
public final class RetryLadder {

    /** The most a wait is lengthened at random, in percent of it. */
    static final int JITTER_PERCENT = 20;

    private final List<Duration> delays;
    private final TreeSet<Duration> tiers;
    private final Duration maxRetryAfter;
    private final Topics topics;
    private final DoubleSupplier random;

    public RetryLadder(final DispatchSettings settings, final Topics topics) {
        this(settings, topics, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random numbers in {@code [0, 1)}: how much of the jitter each wait gets */
    RetryLadder(final DispatchSettings settings, final Topics topics, final DoubleSupplier random) {
        this.random = random;
        this.delays = settings.retryDelays();
        this.tiers = new TreeSet<>(delays);
        this.maxRetryAfter = settings.maxRetryAfter();
        this.topics = topics;
    }

    /**
     * The verdict on {@code subscription}'s attempt, on its own retry delays when it has them.
     *
     * @param attemptNumber the number of the attempt that produced {@code outcome}, 1 for the first
     */
    public Verdict after(final SubscriptionConfig subscription, final int attemptNumber, final HttpOutcome outcome, final Instant now) {
        return after(subscription.retryDelays().orElse(delays), attemptNumber, outcome, now);
    }

    /**
     * The verdict on the dispatch section's retry delays.
     *
     * @param attemptNumber the number of the attempt that produced {@code outcome}, 1 for the first
     */
    public Verdict after(final int attemptNumber, final HttpOutcome outcome, final Instant now) {
        return after(delays, attemptNumber, outcome, now);
    }

    private Verdict after(final List<Duration> ladder, final int attemptNumber, final HttpOutcome outcome, final Instant now) {
        if (outcome.refused()) {
            return new Verdict.Dead(DlqReason.SSRF_BLOCKED, outcome.error());
        }
        final int status = outcome.status();
        if (status >= 200 && status < 300) {
            return new Verdict.Delivered();
        }
        if (status >= 300 && status < 400) {
            return new Verdict.Dead(DlqReason.REDIRECT, "answered " + status + "; redirects are not followed");
        }
        if (status == 410) {
            return new Verdict.Dead(DlqReason.GONE, "answered 410 Gone");
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new Verdict.Dead(DlqReason.REJECTED, "answered " + status);
        }
        return retry(ladder, attemptNumber, outcome.retryAfter(), now, status == 0 ? outcome.error() : "answered " + status);
    }

    /**
     * Where a task waits when its endpoint's backlog is full: the shortest tier, without counting an
     * attempt. Empty when no retry delay is configured.
     */
    public Optional<Verdict.Retry> deferral(final Instant now) {
        if (tiers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Verdict.Retry(topics.retry(tiers.first()), Durations.format(tiers.first()), now.plus(jittered(tiers.first()))));
    }

    private Verdict retry(final List<Duration> ladder, final int attemptNumber, final Optional<Duration> retryAfter, final Instant now,
                          final String last) {
        if (attemptNumber > ladder.size() || tiers.isEmpty()) {
            return new Verdict.Dead(DlqReason.EXHAUSTED, attemptNumber + " attempts failed; last: " + last);
        }
        final Duration scheduled = ladder.get(attemptNumber - 1);
        final Duration asked = retryAfter.map(wait -> wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait).orElse(Duration.ZERO);
        final Duration longer = asked.compareTo(scheduled) > 0 ? asked : scheduled;
        // maxRetryAfter is at most the longest delay (validated), and so is each delay of a subscription's ladder:
        // a tier always exists. Should a ladder read from the topic name a delay longer than every tier, it waits
        // the longest tier's delay, never longer, so that it does not hold back that tier's head.
        final Duration tier = Optional.ofNullable(tiers.ceiling(longer)).orElse(tiers.last());
        final Duration wait = longer.compareTo(tier) > 0 ? tier : longer;
        return new Verdict.Retry(topics.retry(tier), Durations.format(tier), now.plus(jittered(wait)));
    }

    private Duration jittered(final Duration wait) {
        final long extraMillis = (long) (wait.toMillis() * JITTER_PERCENT / 100.0 * random.getAsDouble());
        return wait.plusMillis(extraMillis);
    }
}

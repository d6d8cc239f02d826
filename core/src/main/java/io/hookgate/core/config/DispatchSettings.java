package io.hookgate.core.config;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static io.hookgate.core.config.ConfigKey.optional;

/**
 * Section {@code dispatch}: the retry ladder and limits of outbound delivery.
 *
 * @param parkFor the one delay of the park topic, where tasks of an open breaker or a disabled
 *                subscription wait: how often each of them is read and written again while it waits
 */
public record DispatchSettings(List<Duration> retryDelays, Duration maxRetryAfter, int maxPendingPerPartition,
                               int maxQueuedPerSubscription, Duration shutdownTimeout, Duration parkFor) {

    public static final List<Duration> DEFAULT_RETRY_DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
        Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    public static final ConfigKey<List<Duration>> RETRY_DELAYS = optional("retryDelays", ValueType.DURATION_LIST, DEFAULT_RETRY_DELAYS,
        "Wait before each retry; after the last, a failing delivery goes to the DLQ. Each distinct delay is one retry topic.")
        .validatedBy(Validator.each(Validator.positive()));
    public static final ConfigKey<Duration> MAX_RETRY_AFTER = optional("maxRetryAfter", ValueType.DURATION, Duration.ofHours(1),
        "Longest Retry-After honoured; no longer than the longest retry delay.")
        .validatedBy(Validator.positive());
    public static final ConfigKey<Integer> MAX_PENDING_PER_PARTITION = optional("maxPendingPerPartition", ValueType.INT, 1000,
        "Tasks of one partition read but not yet completed, at most; the partition pauses beyond it.")
        .validatedBy(Validator.between(1, 100_000));
    public static final ConfigKey<Integer> MAX_QUEUED_PER_SUBSCRIPTION = optional("maxQueuedPerSubscription", ValueType.INT, 100,
        "Tasks of one stuck subscription (every slot taken, none freed for a second) waiting for a slot, at most; beyond it "
            + "the oldest are deferred to the first retry tier (no attempt counted), so a slow endpoint never holds its partition's "
            + "window open.")
        .validatedBy(Validator.between(1, 100_000));
    public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT = optional("shutdownTimeout", ValueType.DURATION, Duration.ofSeconds(30),
        "Longest wait at shutdown for attempts in flight.")
        .validatedBy(Validator.positive());
    public static final ConfigKey<Duration> PARK_FOR = optional("parkFor", ValueType.DURATION, Duration.ofSeconds(30),
        "How long a parked task (its subscription's breaker open, or the subscription disabled) waits in the park topic before "
            + "it is looked at again: written again if it must still wait, so each waiting task costs one record written per parkFor; "
            + "also the longest a closed breaker or an enabled subscription waits before its parked tasks flow again.")
        .validatedBy(Validator.positive());

    public static final ConfigDef DEF = ConfigDef.of(RETRY_DELAYS, MAX_RETRY_AFTER, MAX_PENDING_PER_PARTITION,
        MAX_QUEUED_PER_SUBSCRIPTION, SHUTDOWN_TIMEOUT, PARK_FOR);

    /** Settings with the default park delay. */
    public DispatchSettings(final List<Duration> retryDelays, final Duration maxRetryAfter, final int maxPendingPerPartition,
                            final int maxQueuedPerSubscription, final Duration shutdownTimeout) {
        this(retryDelays, maxRetryAfter, maxPendingPerPartition, maxQueuedPerSubscription, shutdownTimeout, PARK_FOR.defaultValue());
    }

    /** The values of section {@code dispatch} as they apply: the default {@code maxRetryAfter} no longer than the longest delay. */
    static ConfigValues resolve(final ConfigValues values) {
        final List<Duration> delays = values.get(RETRY_DELAYS);
        if (!values.isGiven(MAX_RETRY_AFTER) && !delays.isEmpty() && values.get(MAX_RETRY_AFTER).compareTo(Collections.max(delays)) > 0) {
            // The default must fit a ladder of short delays.
            return values.with(MAX_RETRY_AFTER, Collections.max(delays));
        }
        return values;
    }

    /** The settings of {@code values} as {@link #resolve} made them, read at {@code path}. */
    static DispatchSettings from(final ConfigValues values, final String path, final ConfigProblems problems) {
        final List<Duration> delays = values.get(RETRY_DELAYS);
        final Duration maxRetryAfter = values.get(MAX_RETRY_AFTER);
        final String maxRetryAfterPath = ConfigProblems.child(path, MAX_RETRY_AFTER.name());
        if (!delays.isEmpty() && maxRetryAfter.compareTo(Collections.max(delays)) > 0 && !problems.reported(maxRetryAfterPath)
            && !problems.reported(ConfigProblems.child(path, RETRY_DELAYS.name()))) {
            problems.add(maxRetryAfterPath,
                Durations.format(maxRetryAfter) + " is longer than the longest retry delay "
                    + Durations.format(Collections.max(delays)));
        }
        return new DispatchSettings(delays, maxRetryAfter, values.get(MAX_PENDING_PER_PARTITION),
            values.get(MAX_QUEUED_PER_SUBSCRIPTION), values.get(SHUTDOWN_TIMEOUT), values.get(PARK_FOR));
    }
}

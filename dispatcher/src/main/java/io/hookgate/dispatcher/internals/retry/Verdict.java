package io.hookgate.dispatcher.internals.retry;

import io.hookgate.core.delivery.DlqReason;

import java.time.Instant;

/** What happens to a task after one attempt. */
public sealed interface Verdict {

    /** Delivered. */
    record Delivered() implements Verdict {
    }

    /** Try again: wait in {@code topic} (the tier of delay {@code tier}) until {@code dueAt}. */
    record Retry(String topic, String tier, Instant dueAt) implements Verdict {
    }

    /** Give up: the task goes to the DLQ for {@code reason}. */
    record Dead(DlqReason reason, String detail) implements Verdict {
    }
}

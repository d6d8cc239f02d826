package io.hookgate.admin.internals.replay;

/** What asking for one replay did. */
enum ReplayOutcome {
    /** Sent again, for the first time. */
    REPLAYED,
    /** Sent again although it had been replayed before: {@code force} allowed it. */
    FORCED,
    /** Already replayed successfully, and not forced: nothing sent. */
    ALREADY_REPLAYED,
    /** No such entry. */
    NOT_FOUND
}

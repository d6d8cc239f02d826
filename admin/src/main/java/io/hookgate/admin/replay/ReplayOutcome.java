package io.hookgate.admin.replay;

/** What asking for one replay did. */
enum ReplayOutcome {
    /** Sent again. */
    REPLAYED,
    /** Already replayed successfully, and not forced: nothing sent. */
    ALREADY_REPLAYED,
    /** No such entry. */
    NOT_FOUND
}

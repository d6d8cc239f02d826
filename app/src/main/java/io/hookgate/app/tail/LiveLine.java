package io.hookgate.app.tail;

import java.time.Instant;
import java.util.Comparator;

/**
 * One thing that happened to a webhook, as {@code hookgate tail} and dev mode print it.
 *
 * @param at     when it happened (the record's timestamp)
 * @param kind   what happened
 * @param source the source it came to
 * @param who    the request's ingress id, or the event's id, or for a delivery the subscription
 * @param detail what more there is to say (a reason, a status and time, a type)
 */
record LiveLine(Instant at, Kind kind, String source, String who, String detail) {

    /** The order lines are printed in: by time, then by step. */
    static final Comparator<LiveLine> ORDER = Comparator.comparing(LiveLine::at).thenComparing(LiveLine::kind);

    /** What can happen to a webhook, in the order it happens. */
    enum Kind {
        RECEIVED("received"), REJECTED("rejected"), VERIFIED("verified"), DUPLICATE("duplicate"), DELIVERED("delivered"),
        RETRIED("retried"), DEAD_LETTERED("dead-lettered");

        private final String word;

        Kind(final String word) {
            this.word = word;
        }

        String word() {
            return word;
        }
    }
}

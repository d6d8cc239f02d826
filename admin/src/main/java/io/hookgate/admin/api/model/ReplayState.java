package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * What operators did with an entry: how many times it was replayed, and when last (durable in the
 * compacted {@code admin.replays} topic); and, for a DLQ entry replayed, how its redelivery went
 * as the delivery log says ({@code delivered}, {@code failed} or {@code pending}: never stored, read
 * when the entry is shown).
 *
 * @param redelivery how the attempts since the last replay went ({@link Redeliveries}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayState(String state, int count, Instant lastAt, String redelivery) {

    public static final ReplayState NONE = new ReplayState("none", 0, null, null);

    public ReplayState(final String state, final int count, final Instant lastAt) {
        this(state, count, lastAt, null);
    }

    /** This state with how the redelivery went. */
    public ReplayState withRedelivery(final String outcome) {
        return new ReplayState(state, count, lastAt, outcome);
    }

    public boolean replayed() {
        return count > 0;
    }

    public ReplayState next(final Instant at) {
        return new ReplayState("replayed", count + 1, at);
    }
}

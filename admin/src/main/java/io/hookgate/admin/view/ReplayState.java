package io.hookgate.admin.view;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * What operators did with an entry: how many times it was replayed, and when last. Durable in the
 * compacted {@code admin.replays} topic.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayState(String state, int count, Instant lastAt) {

    public static final ReplayState NONE = new ReplayState("none", 0, null);

    public boolean replayed() {
        return count > 0;
    }

    public ReplayState next(final Instant at) {
        return new ReplayState("replayed", count + 1, at);
    }
}

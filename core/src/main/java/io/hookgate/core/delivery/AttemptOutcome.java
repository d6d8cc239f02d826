package io.hookgate.core.delivery;

import com.fasterxml.jackson.annotation.JsonValue;

/** What became of a delivery after one attempt, as {@code dispatch.attempts} records it. */
public enum AttemptOutcome {
    /** The endpoint answered 2xx: the delivery is done. */
    DELIVERED("delivered"),
    /** The attempt failed in a way worth retrying: the task waits in a retry tier. */
    RETRY("retry"),
    /** The attempt ended the delivery without success: the task went to the DLQ. */
    DEAD("dead");

    private final String code;

    AttemptOutcome(final String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}

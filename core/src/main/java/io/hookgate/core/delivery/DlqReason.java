package io.hookgate.core.delivery;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a delivery ended in {@code dispatch.dlq}. */
public enum DlqReason {
    /** Every retry failed with a retryable outcome. */
    EXHAUSTED("exhausted"),
    /** The endpoint answered a 4xx that is not worth retrying. */
    REJECTED("rejected"),
    /** The endpoint answered 410 Gone. */
    GONE("gone"),
    /** The endpoint answered a redirect, which is never followed. */
    REDIRECT("redirect"),
    /** The endpoint's address is not a public one. */
    SSRF_BLOCKED("ssrf_blocked"),
    /** The subscription is no longer configured. */
    UNKNOWN_SUBSCRIPTION("unknown_subscription"),
    /** The subscription was disabled when the task came due; replay once it is enabled again. */
    SUBSCRIPTION_DISABLED("subscription_disabled"),
    /** The task record could not be read; the entry keeps it as it was read. */
    MALFORMED_TASK("malformed_task"),
    /** hookgate failed to attempt the delivery (a defect); replay once it is fixed. */
    DELIVERY_ERROR("delivery_error");

    private final String code;

    DlqReason(final String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}

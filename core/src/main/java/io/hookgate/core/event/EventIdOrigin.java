package io.hookgate.core.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an event id came from. */
public enum EventIdOrigin {
    /** The provider's own event or delivery id. */
    PROVIDER("provider"),
    /** The provider sends none: a SHA-256 of the canonical payload (keys sorted). */
    PAYLOAD_HASH("payload-hash");

    private final String code;

    EventIdOrigin(final String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}

package io.hookgate.core.rejection;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** Why a raw request was rejected instead of verified: the stable codes of {@code events.rejected}. */
public enum RejectReason {
    /** The source has no secret configured: nothing can verify, so nothing is accepted. */
    NO_SECRET("no_secret"),
    /** The signature header (or field) is absent. */
    MISSING_SIGNATURE("missing_signature"),
    /** The signature header is present but cannot be parsed. */
    MALFORMED_SIGNATURE("malformed_signature"),
    /** No configured secret produces the signature sent. */
    BAD_SIGNATURE("bad_signature"),
    /** The signed timestamp is outside the source's window around the receive time. */
    STALE_TIMESTAMP("stale_timestamp"),
    /** The credentials of an unsigned scheme (basic-auth, token) are absent or wrong. */
    BAD_CREDENTIALS("bad_credentials"),
    /** A {@code publisher} request's bearer token is absent, not a bearer token, or none of the source's secrets. */
    BAD_TOKEN("bad_token"),
    /** A {@code publisher} request without the {@code Event-Type} header that names its type. */
    MISSING_EVENT_TYPE("missing_event_type"),
    /**
     * The event's type is not one its source declares ({@code publisher} sources with {@code eventTypes}),
     * or is no event type name at all.
     */
    UNKNOWN_EVENT_TYPE("unknown_event_type"),
    /** The payload breaks the JSON Schema its source declares for its type; the detail names the JSON pointer. */
    SCHEMA_VIOLATION("schema_violation"),
    /** The signature verified but the payload cannot be read (not JSON, no event id, ...). */
    MALFORMED_PAYLOAD("malformed_payload"),
    /** The request verified but what it would become is larger than a Kafka record may be. */
    PAYLOAD_TOO_LARGE("payload_too_large"),
    /** The body nests deeper than hookgate reads (JSON readers downstream have a depth limit too). */
    PAYLOAD_TOO_DEEP("payload_too_deep"),
    /** The record in the raw topic lacks the metadata the ingress writes. */
    MALFORMED_RECORD("malformed_record"),
    /** The record names a source that is no longer configured. */
    UNKNOWN_SOURCE("unknown_source"),
    /** Verification failed unexpectedly; the record is kept for replay after a fix. */
    VERIFICATION_ERROR("verification_error");

    private final String code;

    RejectReason(final String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static Optional<RejectReason> fromCode(final String code) {
        return Arrays.stream(values()).filter(reason -> reason.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}

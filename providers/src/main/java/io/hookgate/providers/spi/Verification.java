package io.hookgate.providers.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.rejection.RejectReason;

import java.util.Objects;

/** What verifying one raw request concluded: an event to publish, or a rejection with its reason. */
public sealed interface Verification {

    /** The signature verified; the event is who {@code identity} says, with {@code payload}. */
    record Accepted(EventIdentity identity, JsonNode payload) implements Verification {
        public Accepted {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** The request is not accepted, for {@code reason}; {@code detail} explains it to an operator (never a secret). */
    record Rejected(RejectReason reason, String detail) implements Verification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    static Rejected rejected(final RejectReason reason, final String detail) {
        return new Rejected(reason, detail);
    }
}

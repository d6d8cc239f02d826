package io.hookgate.providers.spi;

import io.hookgate.core.rejection.RejectReason;
import io.hookgate.providers.payload.Payload;

import java.util.List;
import java.util.Objects;

/** What verifying one raw request concluded: an event to publish, or a rejection with its reason. */
public sealed interface Verification {

    /**
     * The signature verified; the event is who {@code identity} says, with {@code payload}.
     *
     * @param signatureCovers what the signature covered, for the envelope ({@code body}, {@code timestamp}, ...)
     */
    record Accepted(EventIdentity identity, Payload payload, List<String> signatureCovers) implements Verification {
        public Accepted {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(payload, "payload");
            signatureCovers = List.copyOf(signatureCovers);
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

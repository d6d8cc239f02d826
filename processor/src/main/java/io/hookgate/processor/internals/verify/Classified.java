package io.hookgate.processor.internals.verify;

import io.hookgate.core.event.EncodedEvent;
import io.hookgate.core.rejection.RejectReason;

/** A raw record after verification: a verified envelope, or a rejection keeping the raw bytes. */
public sealed interface Classified {

    /** The source id, as far as it is known ({@code unknown} for a record without metadata). */
    String source();

    /**
     * A verified event, as the bytes of its envelope (written once, here) and who it is.
     *
     * @param dedupKey the key duplicates meet under: {@code {source}:{eventId}}, or
     *                 {@code {source}:sha256:{hash of the body}} when the event id is not signed
     * @param local    whether the raw record already sits in the partition its dedup key belongs to
     *                 (the ingress put it there), so it is deduplicated without a repartition
     */
    record Verified(EncodedEvent event, String dedupKey, boolean local) implements Classified {
        @Override
        public String source() {
            return event.ref().source();
        }
    }

    record Rejected(String source, RejectReason reason, byte[] rawBody) implements Classified {
    }
}

package io.hookgate.processor.verify;

import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.rejection.RejectReason;

/** A raw record after verification: a verified envelope, or a rejection keeping the raw bytes. */
public sealed interface Classified {

    /** The source id, as far as it is known ({@code unknown} for a record without metadata). */
    String source();

    record Verified(VerifiedEvent event) implements Classified {
        @Override
        public String source() {
            return event.source();
        }
    }

    record Rejected(String source, RejectReason reason, byte[] rawBody) implements Classified {
    }
}

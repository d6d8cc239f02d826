package io.hookgate.ingress;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The one budget of request-body bytes that the ingress holds in memory while receiving bodies,
 * over all requests together. Bytes are charged before they are buffered; a charge that does not
 * fit is refused at once (the request is answered 503), never waited for. Whoever charged releases.
 */
final class BodyBudget {

    private final long maxBytes;
    private final AtomicLong charged = new AtomicLong();

    BodyBudget(final long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Charges {@code bytes} if they fit; false, charging nothing, when they do not. */
    boolean tryCharge(final long bytes) {
        while (true) {
            final long current = charged.get();
            final long after = current + bytes;
            if (after > maxBytes) {
                return false;
            }
            if (charged.compareAndSet(current, after)) {
                return true;
            }
        }
    }

    void release(final long bytes) {
        charged.addAndGet(-bytes);
    }

    boolean isFull() {
        return charged.get() >= maxBytes;
    }

    /** Bytes charged now: the body bytes held in memory by requests being received. */
    long bufferedBytes() {
        return charged.get();
    }
}

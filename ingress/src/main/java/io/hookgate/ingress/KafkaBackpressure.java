package io.hookgate.ingress;

import io.hookgate.core.time.Ticker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the ingress from queueing without limit when Kafka is slow or down: the bytes of requests
 * sent but not yet acknowledged are bounded, and while writes have been waiting for longer than
 * {@code stallAfter} without any acknowledgement, new requests are refused at once (503) instead
 * of joining the queue. Recovery needs no restart: the first acknowledgement lifts the refusal,
 * and when nothing is waiting the next request is let through as a probe.
 */
final class KafkaBackpressure {

    private final long maxInFlightBytes;
    private final long stallAfterNanos;
    private final AtomicLong inFlightBytes = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Ticker ticker;
    private final AtomicLong lastAckNanos;
    private final AtomicLong waitingSinceNanos = new AtomicLong(Long.MAX_VALUE);

    KafkaBackpressure(final long maxInFlightBytes, final Duration stallAfter, final Ticker ticker) {
        this.maxInFlightBytes = maxInFlightBytes;
        this.stallAfterNanos = stallAfter.toNanos();
        this.ticker = ticker;
        this.lastAckNanos = new AtomicLong(ticker.read());
    }

    /** Reserves room for {@code bytes}; false when the request must be refused now. */
    boolean tryAcquire(final int bytes) {
        if (isStalled()) {
            return false;
        }
        final long after = inFlightBytes.addAndGet(bytes);
        if (after > maxInFlightBytes && after != bytes) {
            inFlightBytes.addAndGet(-bytes);
            return false;
        }
        if (inFlight.getAndIncrement() == 0) {
            waitingSinceNanos.set(ticker.read());
        }
        return true;
    }

    /** Frees what {@link #tryAcquire} reserved; {@code acknowledged} when Kafka stored the request. */
    void release(final int bytes, final boolean acknowledged) {
        inFlightBytes.addAndGet(-bytes);
        if (acknowledged) {
            lastAckNanos.set(ticker.read());
        }
        if (inFlight.decrementAndGet() == 0) {
            waitingSinceNanos.set(Long.MAX_VALUE);
        } else if (acknowledged) {
            waitingSinceNanos.set(ticker.read());
        }
    }

    /** Whether writes have waited longer than the stall limit with no acknowledgement meanwhile. */
    boolean isStalled() {
        final long now = ticker.read();
        final long waitingSince = waitingSinceNanos.get();
        return waitingSince != Long.MAX_VALUE && now - waitingSince > stallAfterNanos && now - lastAckNanos.get() > stallAfterNanos;
    }

    long inFlightBytes() {
        return inFlightBytes.get();
    }
}

package io.hookgate.core.id;

import java.util.concurrent.ThreadLocalRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Makes unique ids (ingress ids, DLQ entry ids): UUID version 7 (RFC 9562), so ids sort by time and never collide
 * across instances. Thread-safe.
 */
public final class TimeOrderedIds {

    private final Clock clock;

    public TimeOrderedIds(final Clock clock) {
        this.clock = clock;
    }

    public String next() {
        final long millis = clock.millis();
        final byte[] bytes = new byte[10];
        // Uniqueness, not secrecy, is needed: a per-thread generator costs no lock on the hot path.
        ThreadLocalRandom.current().nextBytes(bytes);
        long high = (millis << 16) | 0x7000L | ((bytes[0] & 0x0FL) << 8) | (bytes[1] & 0xFFL);
        long low = 0x8000000000000000L | ((bytes[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (bytes[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low).toString();
    }
}

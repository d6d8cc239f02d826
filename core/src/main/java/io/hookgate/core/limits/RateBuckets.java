package io.hookgate.core.limits;

import io.github.bucket4j.Bucket;

import java.time.Duration;

/** The token buckets of hookgate's rate limits (Bucket4j): a second's worth of burst, refilled evenly. */
public final class RateBuckets {

    private RateBuckets() {
    }

    /** A bucket allowing {@code perSecond} a second, at most {@code perSecond} at once. */
    public static Bucket perSecond(final int perSecond) {
        return Bucket.builder().addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1))).build();
    }
}

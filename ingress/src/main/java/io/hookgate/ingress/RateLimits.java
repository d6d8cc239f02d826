package io.hookgate.ingress;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.hookgate.core.config.HookgateConfig;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ingress's rate limits, as Bucket4j token buckets: one per source with a
 * {@code rateLimitPerSecond}, and one per client when {@code ingress.rateLimitPerClientIpPerSecond}
 * is set, a client being what {@link ClientKey} says (an IPv6 client is its /64). Buckets of clients
 * idle for a minute are dropped by {@link #evictIdle()}, so many clients cannot grow the map without bound.
 */
final class RateLimits {

    private static final Duration IDLE = Duration.ofMinutes(1);

    private record ClientBucket(Bucket bucket, long[] lastUsedNanos) {
    }

    private final Map<String, Bucket> bySource = new ConcurrentHashMap<>();
    private final Map<String, ClientBucket> byClient = new ConcurrentHashMap<>();
    private final int perClientPerSecond;

    RateLimits(final HookgateConfig config) {
        config.sources().values().forEach(source -> {
            if (source.rateLimitPerSecond() > 0) {
                bySource.put(source.id(), bucket(source.rateLimitPerSecond()));
            }
        });
        this.perClientPerSecond = config.ingress().rateLimitPerClientIpPerSecond();
    }

    private static Bucket bucket(final int perSecond) {
        return Bucket.builder().addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1))).build();
    }

    /** Empty when the request may pass, else how long to wait before retrying. */
    Optional<Duration> check(final String source, final InetAddress clientAddress) {
        if (perClientPerSecond > 0) {
            final ClientBucket client = byClient.computeIfAbsent(ClientKey.of(clientAddress),
                key -> new ClientBucket(bucket(perClientPerSecond), new long[1]));
            client.lastUsedNanos()[0] = System.nanoTime();
            final Optional<Duration> wait = take(client.bucket());
            if (wait.isPresent()) {
                return wait;
            }
        }
        final Bucket sourceBucket = bySource.get(source);
        return sourceBucket == null ? Optional.empty() : take(sourceBucket);
    }

    private static Optional<Duration> take(final Bucket bucket) {
        final ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    void evictIdle() {
        final long now = System.nanoTime();
        byClient.values().removeIf(client -> now - client.lastUsedNanos()[0] > IDLE.toNanos());
    }
}

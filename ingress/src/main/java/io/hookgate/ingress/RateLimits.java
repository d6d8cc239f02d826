package io.hookgate.ingress;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.limits.RateBuckets;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ingress's rate limits, as Bucket4j token buckets: one per source with a
 * {@code rateLimitPerSecond}, one per tenant with a {@code tenants.{id}.rateLimitPerSecond} shared by
 * all its sources, and one per client when {@code ingress.rateLimitPerClientIpPerSecond}
 * is set, a client being what {@link ClientKey} says (an IPv6 client is its /64). Buckets of clients
 * idle for a minute are dropped by {@link #evictIdle()}, so many clients cannot grow the map without bound.
 */
final class RateLimits {

    private static final Duration IDLE = Duration.ofMinutes(1);

    private record ClientBucket(Bucket bucket, long[] lastUsedNanos) {
    }

    private final Map<String, Bucket> bySource = new ConcurrentHashMap<>();
    /** The bucket of each source's tenant, where the tenant has a limit: one bucket object shared by its sources. */
    private final Map<String, Bucket> tenantBySource = new ConcurrentHashMap<>();
    private final Map<String, ClientBucket> byClient = new ConcurrentHashMap<>();
    private final int perClientPerSecond;

    RateLimits(final HookgateConfig config) {
        config.sources().values().forEach(source -> {
            if (source.rateLimitPerSecond() > 0) {
                bySource.put(source.id(), bucket(source.rateLimitPerSecond()));
            }
        });
        final Map<String, Bucket> tenants = new java.util.HashMap<>();
        config.tenants().values().stream().filter(tenant -> tenant.rateLimitPerSecond() > 0)
            .forEach(tenant -> tenants.put(tenant.id(), bucket(tenant.rateLimitPerSecond())));
        config.sources().values().forEach(source -> source.tenant().map(tenants::get)
            .ifPresent(bucket -> tenantBySource.put(source.id(), bucket)));
        this.perClientPerSecond = config.ingress().rateLimitPerClientIpPerSecond();
    }

    private static Bucket bucket(final int perSecond) {
        return RateBuckets.perSecond(perSecond);
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
        final Optional<Duration> wait = sourceBucket == null ? Optional.empty() : take(sourceBucket);
        final Bucket tenantBucket = tenantBySource.get(source);
        return wait.isPresent() || tenantBucket == null ? wait : take(tenantBucket);
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

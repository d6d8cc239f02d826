package io.hookgate.admin;

import io.hookgate.core.health.Readiness;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Readiness of the Kafka cluster: whether a {@code describeCluster} answers. The answer is cached
 * briefly so that frequent probes do not load the cluster.
 */
public final class KafkaReachability implements Readiness {

    private static final Duration CACHE = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private final Clock clock;
    private Instant checkedAt = Instant.EPOCH;
    private String reason = "not checked yet";

    public KafkaReachability(final Admin admin, final Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public synchronized String notReadyReason() {
        if (Duration.between(checkedAt, clock.instant()).compareTo(CACHE) >= 0) {
            reason = check();
            checkedAt = clock.instant();
        }
        return reason;
    }

    private String check() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                .clusterId().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return "Kafka unreachable: " + (e.getCause() == null ? e.toString() : e.getCause().toString());
        }
    }
}

package io.hookgate.dispatcher;

import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * Writes every attempt's outcome to {@code dispatch.attempts}, the delivery log. A task is
 * committed only once its attempt is logged, so a crash loses no log entry (one may appear twice:
 * readers key entries by delivery id and attempt number). An entry Kafka refuses for good is
 * counted and logged with its ids, and does not hold the delivery back.
 */
final class AttemptLog {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptLog.class);

    private final HandOff handOff;
    private final Topics topics;
    private final DispatcherMetrics metrics;

    AttemptLog(final HandOff handOff, final Topics topics, final DispatcherMetrics metrics) {
        this.handOff = handOff;
        this.topics = topics;
        this.metrics = metrics;
    }

    /** Completes once Kafka has {@code entry}, or once it refused it for good. */
    CompletableFuture<Void> record(final AttemptEntry entry) {
        return handOff.send(topics.attemptEntries().record(entry.subscription(), entry))
            .exceptionallyCompose(error -> {
                if (!HandOff.refused(error)) {
                    return CompletableFuture.failedFuture(error);
                }
                metrics.attemptNotLogged(entry.subscription());
                LOG.error("Attempt not logged: subscription={} deliveryId={} attempt={} outcome={}: {}", entry.subscription(),
                    entry.deliveryId(), entry.attempt().number(), entry.outcome().code(), error.getMessage());
                return CompletableFuture.completedFuture(null);
            });
    }
}

package io.hookgate.dispatcher;

import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DlqEntry;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.delivery.UnreadableRecord;
import io.hookgate.core.id.TimeOrderedIds;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Puts what will not be attempted again into {@code dispatch.dlq}: a task with its attempts, or a
 * record that is not a task as it was read. An entry too large for Kafka, or one Kafka refuses for
 * good, is written again without the envelope, so that every task still ends accounted for. The
 * returned futures complete once Kafka has the entry.
 */
final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final HandOff handOff;
    private final Topics topics;
    private final RecordLimits limits;
    private final DispatcherMetrics metrics;
    private final Clock clock;
    private final TimeOrderedIds ids;

    DeadLetters(final HandOff handOff, final Topics topics, final RecordLimits limits, final DispatcherMetrics metrics, final Clock clock) {
        this.handOff = handOff;
        this.topics = topics;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
        this.ids = new TimeOrderedIds(clock);
    }

    /** Dead-letters {@code task} for {@code reason}, after {@code attempt} (null when the task was not attempted). */
    CompletableFuture<Void> task(final DeliveryTask task, final DeliveryAttempt attempt, final DlqReason reason, final String detail) {
        final DeliveryTask finalTask = attempt == null ? task : task.after(attempt, clock.instant());
        final DlqEntry entry = new DlqEntry("dlq_" + ids.next(), reason, detail, clock.instant(), finalTask);
        metrics.dead(task.subscription(), reason);
        LOG.warn("Dead-lettered subscription={} deliveryId={} source={} eventId={} reason={} detail={}", task.subscription(),
            task.deliveryId(), task.eventRef().source(), task.eventRef().eventId(), reason.code(), detail);
        final ProducerRecord<byte[], byte[]> record = topics.deadLetters().record(task.subscription(), entry);
        if (record.value().length > limits.maxRecordBytes()) {
            return withoutEnvelope(entry, "the entry would be " + record.value().length + " bytes");
        }
        return handOff.send(record)
            .exceptionallyCompose(error -> HandOff.refused(error)
                ? withoutEnvelope(entry, error.getMessage())
                : CompletableFuture.failedFuture(error));
    }

    /** Puts a record that is not a task into the DLQ as it was read. */
    CompletableFuture<Void> unreadable(final ConsumerRecord<byte[], byte[]> record, final String why) {
        metrics.malformed(record.topic());
        LOG.error("Dead-lettering a record that is not a delivery task: topic={} partition={} offset={}: {}", record.topic(),
            record.partition(), record.offset(), why);
        // Base64 grows the value by a third; what would not fit is left out, with its length.
        final String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        final UnreadableRecord kept = UnreadableRecord.of(record.topic(), record.partition(), record.offset(), key,
            record.headers(), record.value(), limits.maxEnvelopeBytes() / 4 * 3);
        final DlqEntry entry = new DlqEntry(DlqEntry.SCHEMA_VERSION, "dlq_" + ids.next(), DlqReason.MALFORMED_TASK, why,
            clock.instant(), null, kept);
        return handOff.send(topics.deadLetters().record(key, entry));
    }

    /** The entry without the envelope: small enough for any topic, so the task still ends accounted for. */
    private CompletableFuture<Void> withoutEnvelope(final DlqEntry entry, final String why) {
        LOG.error("DLQ entry id={} subscription={} deliveryId={} kept without its envelope: {}", entry.id(), entry.subscription(),
            entry.task().deliveryId(), why);
        final DlqEntry minimal = new DlqEntry(entry.schemaVersion(), entry.id(), entry.reason(),
            entry.detail() + " (envelope not kept: " + why + ")", entry.deadAt(), entry.task().withoutEnvelope(), null);
        return handOff.send(topics.deadLetters().record(entry.subscription(), minimal));
    }
}

package io.hookgate.bench.dispatch;

import io.hookgate.bench.load.SignedWebhooks;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DeliveryTaskRecord;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.RawJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes delivery tasks exactly as the processor's fan-out does
 * ({@link DeliveryTaskRecord#record}: the envelope as value, the task in headers, keyed by
 * subscription), for events with a signed-webhook payload of a given size, round-robin over the
 * subscriptions. The same records can go to several topics, so a baseline drains an identical copy.
 */
public final class TaskPreload {

    private final String bootstrap;
    private final int payloadBytes;

    public TaskPreload(final String bootstrap, final int payloadBytes) {
        this.bootstrap = bootstrap;
        this.payloadBytes = payloadBytes;
    }

    /** Writes {@code tasks} tasks, task {@code i} for {@code subscriptions[i % n]}, to every topic of {@code topics}. */
    public void write(final long tasks, final List<String> subscriptions, final List<String> topics) {
        write(0, tasks, subscriptions, topics, 0);
    }

    /**
     * Writes tasks {@code from} to {@code from + tasks - 1} as {@link #write(long, List, List)} does, at
     * {@code perSecond} a second (0: as fast as it can), each task stamped with the time it is written.
     */
    public void write(final long from, final long tasks, final List<String> subscriptions, final List<String> topics, final double perSecond) {
        final SignedWebhooks webhooks = new SignedWebhooks(payloadBytes);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(),
            new ByteArraySerializer())) {
            final long start = System.nanoTime();
            for (long i = from; i < from + tasks; i++) {
                if (perSecond > 0) {
                    final long due = start + (long) ((i - from) * 1e9 / perSecond);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
                final Instant now = Instant.now();
                final String eventId = "msg_preload_" + i;
                final VerifiedEvent event = new VerifiedEvent(VerifiedEvent.SCHEMA_VERSION, StableIds.eventId("bench", eventId), "bench",
                    "standard-webhooks", null, eventId, EventIdOrigin.PROVIDER, "bench.event", now, now, "ing_" + i,
                    List.of("id", "timestamp", "body"), RawJson.trusted(webhooks.body(i, 0)));
                final ProducerRecord<String, byte[]> record = DeliveryTaskRecord.record(topics.get(0),
                    DeliveryTask.first(event, subscriptions.get((int) (i % subscriptions.size())), now));
                producer.send(record);
                for (String copy : topics.subList(1, topics.size())) {
                    producer.send(new ProducerRecord<>(copy, null, record.key(), record.value(), record.headers()));
                }
            }
            producer.flush();
        }
    }
}

package io.hookgate.ingress;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The producer's metadata of one topic, for a producer that never waits for it
 * ({@code max.block.ms=0}): such a send fails at once when the metadata is missing, and the
 * producer drops a topic's metadata after {@code metadata.max.idle.ms} without sends. So this
 * touches the topic on a timer well inside that time ({@link #keepFresh}), and lets a write that
 * still found none wait for it ({@link #whenPresent}). Lookups run on the timer, never on an IO
 * thread, and never block: each is an immediate answer from the producer's cache.
 */
final class TopicMetadata {

    private static final Logger LOG = LoggerFactory.getLogger(TopicMetadata.class);
    private static final Duration POLL_EVERY = Duration.ofMillis(50);

    private final Producer<?, ?> producer;
    private final String topic;
    private final ScheduledExecutorService timer;
    /** One wait shared by every write that found no metadata: the producer is asked once per poll, however many wait. */
    private final AtomicReference<CompletableFuture<Void>> pending = new AtomicReference<>();

    TopicMetadata(final Producer<?, ?> producer, final String topic, final ScheduledExecutorService timer) {
        this.producer = producer;
        this.topic = topic;
        this.timer = timer;
    }

    /** How often to touch the topic: a third of the producer's {@code metadata.max.idle.ms}, at least a second. */
    static Duration refreshInterval(final Map<String, Object> producerConfig) {
        final Object configured = producerConfig.containsKey(ProducerConfig.METADATA_MAX_IDLE_CONFIG)
            ? producerConfig.get(ProducerConfig.METADATA_MAX_IDLE_CONFIG)
            : ProducerConfig.configDef().configKeys().get(ProducerConfig.METADATA_MAX_IDLE_CONFIG).defaultValue;
        final long idleMs = (Long) ConfigDef.parseType(ProducerConfig.METADATA_MAX_IDLE_CONFIG, configured, ConfigDef.Type.LONG);
        return Duration.ofMillis(Math.max(1000, idleMs / 3));
    }

    /** Touches the topic every {@code every}, which resets the producer's idle clock for it. */
    void keepFresh(final Duration every) {
        timer.scheduleWithFixedDelay(this::touch, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void touch() {
        try {
            producer.partitionsFor(topic);
        } catch (KafkaException e) {
            // Kafka unreachable: requests get 503 meanwhile, and this lookup has asked for the metadata again.
            LOG.warn("No metadata for topic {} yet: {}", topic, e.toString());
        }
    }

    /** Completes once the topic's metadata is present, or exceptionally when it is not within {@code within}. */
    CompletableFuture<Void> whenPresent(final Duration within) {
        while (true) {
            final CompletableFuture<Void> current = pending.get();
            if (current != null && !current.isDone()) {
                return current;
            }
            final CompletableFuture<Void> next = new CompletableFuture<>();
            if (pending.compareAndSet(current, next)) {
                // Not now: the caller may be an IO thread, and the producer has only just been asked.
                pollLater(next, System.nanoTime() + within.toNanos(), within);
                return next;
            }
        }
    }

    private void poll(final CompletableFuture<Void> waiting, final long deadline, final Duration within) {
        try {
            producer.partitionsFor(topic);
            waiting.complete(null);
            return;
        } catch (TimeoutException e) {
            if (System.nanoTime() - deadline >= 0) {
                waiting.completeExceptionally(new TimeoutException("topic " + topic + " not in the producer's metadata within "
                    + within.toMillis() + " ms", e));
                return;
            }
        } catch (KafkaException e) {
            // Not a wait that time cures (closed producer, no authorization): the writes fail with it.
            waiting.completeExceptionally(e);
            return;
        }
        pollLater(waiting, deadline, within);
    }

    private void pollLater(final CompletableFuture<Void> waiting, final long deadline, final Duration within) {
        try {
            timer.schedule(() -> poll(waiting, deadline, within), POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down.
            waiting.completeExceptionally(e);
        }
    }
}

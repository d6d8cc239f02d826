package io.hookgate.core.kafka;

import io.hookgate.core.config.KafkaSettings;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * The base settings of every Kafka client hookgate makes: the cluster from the configuration,
 * then the pass-through {@code kafka.properties} (TLS, SASL, tuning), then what each client sets;
 * and the presets every part builds on, named once here: the durable producer, the
 * read-committed consumer, the batched fetch of a reader outside the latency path, and the prompt
 * fetch of a reader that pauses partitions.
 */
public final class KafkaClients {

    /** How long the broker may hold a {@link #batchedFetch} fetch to fill it. */
    public static final int BATCHED_FETCH_WAIT_MS = 100;

    /** What a {@link #batchedFetch} fetch waits for, at most {@link #BATCHED_FETCH_WAIT_MS}. */
    public static final int BATCHED_FETCH_BYTES = 256 * 1024;

    /** How long the broker may hold a {@link #promptFetch} fetch that found nothing. */
    public static final int PROMPT_FETCH_WAIT_MS = 20;

    private KafkaClients() {
    }

    /** Client settings for {@code kafka}, with {@code clientId}, overridden last by {@code specific}. */
    public static Map<String, Object> config(final KafkaSettings kafka, final String clientId, final Map<String, Object> specific) {
        final Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        config.putAll(kafka.properties());
        config.putAll(specific);
        return config;
    }

    /**
     * A producer that loses nothing it was told was stored: {@code acks=all} and idempotence (no
     * duplicate or reordered batch on retry), which {@code specific} may add to but not weaken.
     */
    public static Map<String, Object> durableProducer(final KafkaSettings kafka, final String clientId, final Map<String, Object> specific) {
        final Map<String, Object> config = config(kafka, clientId, specific);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    /**
     * A consumer that sees only committed transactions (never an aborted write of the exactly-once
     * processor) and commits offsets only when its owner says so; {@code specific} may add to it but
     * not weaken either.
     */
    public static Map<String, Object> readCommittedConsumer(final KafkaSettings kafka, final String clientId, final Map<String, Object> specific) {
        final Map<String, Object> config = config(kafka, clientId, specific);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /**
     * {@code specific} with a fetch that the broker may hold up to {@value #BATCHED_FETCH_WAIT_MS} ms to fill
     * {@value #BATCHED_FETCH_BYTES} bytes: for readers outside the delivery path (the admin index, live
     * views), which would otherwise send the broker a fetch request for every few records while webhooks
     * stream in. These two settings override the same keys of {@code kafka.properties} for such readers.
     */
    public static Map<String, Object> batchedFetch(final Map<String, Object> specific) {
        final Map<String, Object> config = new HashMap<>(specific);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, BATCHED_FETCH_WAIT_MS);
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, BATCHED_FETCH_BYTES);
        return config;
    }

    /**
     * {@code specific} with a fetch that the broker holds at most {@value #PROMPT_FETCH_WAIT_MS} ms when it
     * finds nothing new, unless {@code kafka.properties} sets {@code fetch.max.wait.ms}: for a reader that
     * pauses and resumes partitions (the dispatcher). A consumer has one fetch in flight per broker;
     * while it waits in the broker for the reader's empty partitions (up to Kafka's default 500 ms), a
     * partition just resumed, however full, cannot be fetched, and the reader starves. A fetch that
     * finds records returns at once either way (with {@code fetch.min.bytes} at its default of 1); the
     * cost is an empty fetch to each broker every {@value #PROMPT_FETCH_WAIT_MS} ms while the reader has
     * nothing to read, which an operator of a cluster that meters requests may trade back.
     */
    public static Map<String, Object> promptFetch(final KafkaSettings kafka, final Map<String, Object> specific) {
        final Map<String, Object> config = new HashMap<>(specific);
        if (!kafka.properties().containsKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)) {
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, PROMPT_FETCH_WAIT_MS);
        }
        return config;
    }
}

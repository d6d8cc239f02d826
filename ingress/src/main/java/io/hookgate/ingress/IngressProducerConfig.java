package io.hookgate.ingress;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;

/**
 * The settings of the ingress's producer: idempotent, {@code acks=all}, lz4, never blocking the IO
 * thread that sends ({@code max.block.ms=0}), every write answered within {@code ingress.kafkaTimeout}.
 * They override the same keys in {@code kafka.properties}; every other pass-through setting
 * ({@code metadata.max.idle.ms}, TLS, SASL, ...) reaches the producer unchanged.
 */
final class IngressProducerConfig {

    /**
     * No linger: a lone webhook is sent at once, and batching comes from the requests in flight
     * while a batch is on the wire (the idempotent producer keeps up to 5 requests in flight).
     */
    static final int LINGER_MS = 0;

    private IngressProducerConfig() {
    }

    static Map<String, Object> of(final HookgateConfig config) {
        final long timeoutMs = config.ingress().kafkaTimeout().toMillis();
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms; the whole is ingress.kafkaTimeout.
        final long requestTimeout = Math.max(500, timeoutMs - LINGER_MS - 100);
        return KafkaClients.durableProducer(config.kafka(), new Topics(config.kafka().topicPrefix()).raw() + "-ingress", Map.of(
            ProducerConfig.LINGER_MS_CONFIG, LINGER_MS,
            // Never block the IO thread that sends: no metadata or no room is an immediate failure (503).
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 0,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMs, requestTimeout + LINGER_MS),
            // Room beyond the ingress's own bound (KafkaBackpressure) for headers and batching overhead.
            ProducerConfig.BUFFER_MEMORY_CONFIG, config.ingress().maxInFlightBytes() + 16L * 1024 * 1024
                + RecordLimits.of(config).maxRequestBytes(),
            // Every request the ingress accepts (maxBodyBytes and its head) fits in one record.
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, RecordLimits.of(config).maxRequestBytes(),
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
    }
}

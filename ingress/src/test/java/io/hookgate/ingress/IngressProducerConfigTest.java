package io.hookgate.ingress;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.providers.Providers;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IngressProducerConfigTest {

    private static HookgateConfig config(final String kafkaTimeout) {
        return new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse("""
            kafka: {properties: {linger.ms: "50", acks: "1", metadata.max.idle.ms: "5000", metadata.max.age.ms: "2000"}}
            ingress: {kafkaTimeout: %s}
            sources:
              open: {provider: standard-webhooks}
            """.formatted(kafkaTimeout));
    }

    @ParameterizedTest
    @ValueSource(strings = {"100ms", "600ms", "1s", "10s", "2m"})
    void noLingerDurableWritesAndTimeoutsKafkaAccepts(final String kafkaTimeout) {
        final HookgateConfig config = config(kafkaTimeout);
        final Map<String, Object> producer = IngressProducerConfig.of(config);
        assertThat(producer).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
            .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
            .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
            .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
            .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
        final int linger = (Integer) producer.get(ProducerConfig.LINGER_MS_CONFIG);
        final int request = (Integer) producer.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        final int delivery = (Integer) producer.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        // KafkaProducer refuses to start unless delivery.timeout.ms >= linger.ms + request.timeout.ms.
        assertThat(delivery).isGreaterThanOrEqualTo(linger + request);
        assertThat((long) delivery).isGreaterThanOrEqualTo(config.ingress().kafkaTimeout().toMillis());
    }

    @Test
    void passThroughSettingsTheIngressDoesNotOwnReachTheProducer() {
        final Map<String, Object> producer = IngressProducerConfig.of(config("10s"));
        assertThat(producer).containsEntry(ProducerConfig.METADATA_MAX_IDLE_CONFIG, "5000")
            .containsEntry(ProducerConfig.METADATA_MAX_AGE_CONFIG, "2000");
    }
}

package io.hookgate.core.kafka;

import io.hookgate.core.config.KafkaSettings;
import org.apache.kafka.clients.CommonClientConfigs;

import java.util.HashMap;
import java.util.Map;

/**
 * The base settings of every Kafka client hookgate makes: the cluster from the configuration,
 * then the pass-through {@code kafka.properties} (TLS, SASL, tuning), then what each client sets.
 */
public final class KafkaClients {

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
}

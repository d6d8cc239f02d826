package io.hookgate.app.tail;

import io.hookgate.app.cli.CliFailure;
import io.hookgate.core.config.BootstrapServers;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.KafkaSettings;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The Kafka cluster {@code hookgate listen} reads deliveries from: {@code --kafka HOST:PORT}, else
 * {@code kafka.bootstrapServers} of {@code --config} (which {@code HOOKGATE_KAFKA_BOOTSTRAP_SERVERS}
 * overrides), else {@code HOOKGATE_KAFKA_BOOTSTRAP_SERVERS}, else {@code 127.0.0.1:9092}, where dev
 * mode's broker listens. The topic prefix and client settings (TLS, SASL) are those of
 * {@code --config}, else the defaults ({@code hookgate.}).
 */
final class ListenKafka {

    private ListenKafka() {
    }

    /**
     * @param option      the {@code --kafka} value, or null
     * @param config      the configuration of {@code --config}, if given
     * @param environment the environment variables
     * @throws CliFailure (usage) when {@code --kafka} or the variable is not a list of host:port
     */
    static KafkaSettings resolve(final String option, final Optional<HookgateConfig> config, final UnaryOperator<String> environment) {
        if (option != null) {
            return withServers(config.map(HookgateConfig::kafka).orElseGet(ListenKafka::defaults), checked("--kafka", option));
        }
        if (config.isPresent()) {
            return config.get().kafka();
        }
        final String variable = environment.apply(KafkaSettings.BOOTSTRAP_SERVERS_ENV);
        return variable == null || variable.isBlank() ? defaults()
            : withServers(defaults(), checked(KafkaSettings.BOOTSTRAP_SERVERS_ENV, variable));
    }

    private static String checked(final String where, final String servers) {
        final List<String> problems = BootstrapServers.problems(servers);
        if (servers.isBlank()) {
            throw CliFailure.usage(where + " is empty: write host:port, e.g. localhost:9092");
        }
        if (!problems.isEmpty()) {
            throw CliFailure.usage(where + " " + servers + ": " + String.join("; ", problems));
        }
        return servers.strip();
    }

    private static KafkaSettings defaults() {
        return new KafkaSettings(KafkaSettings.BOOTSTRAP_SERVERS.defaultValue(), KafkaSettings.TOPIC_PREFIX.defaultValue(), Map.of(),
            KafkaSettings.PARTITIONS.defaultValue(), KafkaSettings.REPLICATION_FACTOR.defaultValue().shortValue(),
            KafkaSettings.RETENTION.defaultValue(), false, 1,
            KafkaSettings.GROUP_PROTOCOL.defaultValue(), KafkaSettings.SESSION_TIMEOUT.defaultValue());
    }

    private static KafkaSettings withServers(final KafkaSettings base, final String servers) {
        return new KafkaSettings(servers, base.topicPrefix(), base.properties(), base.partitions(), base.replicationFactor(),
            base.retention(), base.createTopics(), base.minInSyncReplicas(),
            base.groupProtocol(), base.sessionTimeout());
    }
}

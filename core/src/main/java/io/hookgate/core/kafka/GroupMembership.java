package io.hookgate.core.kafka;

import io.hookgate.core.config.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.Map;

/**
 * How the processor's and the dispatcher's instances share partitions: the group protocol and the
 * session timeout of {@code kafka.groupProtocol} and {@code kafka.sessionTimeout}. With the classic
 * protocol the client sets the session timeout; with the broker-driven protocols (KIP-848, KIP-1071)
 * the brokers hold it, and a client that sets it is refused.
 */
public final class GroupMembership {

    /** Kafka Streams' name of its group protocol setting (StreamsConfig.GROUP_PROTOCOL_CONFIG). */
    private static final String STREAMS_GROUP_PROTOCOL = "group.protocol";
    /** Kafka Streams' prefix of its main consumer's settings (StreamsConfig.MAIN_CONSUMER_PREFIX). */
    private static final String STREAMS_MAIN_CONSUMER = "main.consumer.";

    private GroupMembership() {
    }

    /**
     * The settings of a plain consumer group member. With {@code consumer}, the server-side range
     * assignor: like the classic default it gives one member the same partition number of every topic.
     */
    public static Map<String, Object> consumer(final KafkaSettings kafka) {
        if (kafka.consumerGroupProtocol()) {
            return Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer", ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "range");
        }
        return Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) kafka.sessionTimeout().toMillis(),
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, heartbeatMillis(kafka));
    }

    /** The settings of a Kafka Streams application: the streams protocol, or the classic one with the session timeout. */
    public static Map<String, Object> streams(final KafkaSettings kafka) {
        if (kafka.consumerGroupProtocol()) {
            return Map.of(STREAMS_GROUP_PROTOCOL, "streams");
        }
        return Map.of(STREAMS_GROUP_PROTOCOL, "classic",
            STREAMS_MAIN_CONSUMER + ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) kafka.sessionTimeout().toMillis(),
            STREAMS_MAIN_CONSUMER + ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, heartbeatMillis(kafka));
    }

    /** A third of the session (Kafka's advice), at most its 3 s default. */
    private static int heartbeatMillis(final KafkaSettings kafka) {
        return (int) Math.min(3000, kafka.sessionTimeout().toMillis() / 3);
    }
}

package io.hookgate.core.kafka;

import io.hookgate.core.config.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClientsTest {

    /** An operator's pass-through properties that would weaken the guarantees if they won. */
    private static final KafkaSettings LOOSE = new KafkaSettings("broker:9092", "hg.", Map.of(
        ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true",
        "ssl.truststore.location", "/etc/kafka/truststore.jks"), 3, (short) 1, Duration.ofDays(7), true, 1, "classic", Duration.ofSeconds(15));

    @Test
    void theDurableProducerKeepsAcksAllAndIdempotenceOverEverySetting() {
        final Map<String, Object> config = KafkaClients.durableProducer(LOOSE, "ingress", Map.of(ProducerConfig.ACKS_CONFIG, "0",
            ProducerConfig.LINGER_MS_CONFIG, 0));
        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all").containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
            .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0).containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
            .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092").containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "ingress");
    }

    @Test
    void theReadCommittedConsumerSeesOnlyCommittedWritesAndNeverAutoCommits() {
        final Map<String, Object> config = KafkaClients.readCommittedConsumer(LOOSE, "tail", Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1));
        assertThat(config).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
            .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false).containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    }

    @Test
    void aPlainClientTakesThePassThroughPropertiesThenItsOwn() {
        assertThat(KafkaClients.config(LOOSE, "admin", Map.of(ProducerConfig.ACKS_CONFIG, "all")))
            .containsEntry(ProducerConfig.ACKS_CONFIG, "all").containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    }

    @Test
    void aBatchedFetchWaitsForBytesAndKeepsWhatTheReaderSet() {
        final Map<String, Object> config = KafkaClients.batchedFetch(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000));
        assertThat(config).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100)
            .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024).containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    }

    @Test
    void aPromptFetchIsHeldBrieflyAndKeepsWhatTheReaderSet() {
        final Map<String, Object> config = KafkaClients.promptFetch(LOOSE, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500));
        assertThat(config).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20).containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    }

    @Test
    void anOperatorsFetchWaitInThePassThroughPropertiesWinsOverThePromptFetch() {
        final KafkaSettings metered = new KafkaSettings("broker:9092", "hg.", Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500"), 3,
            (short) 1, Duration.ofDays(7), true, 1, "classic", Duration.ofSeconds(15));
        final Map<String, Object> client = KafkaClients.readCommittedConsumer(metered, "dispatcher",
            KafkaClients.promptFetch(metered, Map.of()));
        assertThat(client).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
    }
}

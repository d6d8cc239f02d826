package io.hookgate.app.dev;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dev broker's repair of hanging transactions on a real broker: on the data a crash left
 * (kept from a failed GatewayCrashIT run, without the ingress records, which played no part), and
 * beside a live producer's open transaction, which it must leave alone.
 */
class HangingTransactionsIT {

    /**
     * The broker's folder after {@code hookgate dev} was killed and restarted once: the processor's
     * last transaction (producer id 2, epoch 12) is recorded as committed by the coordinator, while
     * its 14 partitions hold it open with no marker, so the processor's group answered "unstable
     * offsets" forever.
     */
    private static final String CRASHED_BROKER = "hanging-transaction-broker.zip";

    @Test
    void theStartAfterTheCrashAbortsTheTransactionOnEveryPartitionItHeldOpen(@TempDir final Path dir) throws Exception {
        unzip(CRASHED_BROKER, dir);
        try (DevBroker broker = new DevBroker(dir.resolve("kafka"), freePort(), freePort())) {
            broker.start();

            try (Admin admin = admin(broker)) {
                assertThat(openTransactions(admin)).as("partitions still holding a transaction open").isEmpty();
                // What the processor's consumer asks for on start, and was refused as unstable before the repair.
                final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("crash.processor",
                        new ListConsumerGroupOffsetsOptions().requireStable(true))
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                assertThat(committed).containsKey(new TopicPartition("crash.ingress.raw", 0));
                assertThat(readCommittedEnd(broker, new TopicPartition("crash.verified.demo", 0)))
                    .as("a read_committed reader gets past the aborted transaction").isTrue();
            }
            final Set<String> repaired = broker.repairedTransactions().stream()
                .map(abort -> abort.topicPartition().toString()).collect(Collectors.toSet());
            assertThat(broker.repairedTransactions()).extracting(AbortTransactionSpec::producerId).containsOnly(2L);
            assertThat(repaired).hasSize(14).contains("__consumer_offsets-1", "crash.verified.demo-0",
                "crash.processor-dedup-seen-changelog-0", "crash.dispatch-2");
        }
    }

    @Test
    void anOpenTransactionOfALiveProducerIsNotAborted(@TempDir final Path dir) throws Exception {
        try (DevBroker broker = new DevBroker(dir.resolve("kafka"), freePort(), freePort())) {
            broker.start();
            assertThat(broker.repairedTransactions()).isEmpty();
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("open", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "live"), new ByteArraySerializer(), new ByteArraySerializer())) {
                    producer.initTransactions();
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>("open", "kept".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
                    assertThat(openTransactions(admin)).containsKey(new TopicPartition("open", 0));

                    assertThat(HangingTransactions.abortAll(admin)).as("the coordinator holds it ONGOING").isEmpty();

                    producer.commitTransaction();
                }
                // The commit returns once decided; its markers follow.
                await().atMost(Duration.ofSeconds(30)).until(() -> openTransactions(admin).isEmpty());
            }
        }
    }

    private static Admin admin(final DevBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /** Partition to the producers with a transaction open on it. */
    private static Map<TopicPartition, List<ProducerState>> openTransactions(final Admin admin) throws Exception {
        return HangingTransactions.producers(admin).entrySet().stream()
            .map(entry -> Map.entry(entry.getKey(), entry.getValue().stream()
                .filter(producer -> producer.currentTransactionStartOffset().isPresent()).toList()))
            .filter(entry -> !entry.getValue().isEmpty())
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Whether a read_committed consumer's position reaches the partition's end (its last stable offset is the end). */
    private static boolean readCommittedEnd(final DevBroker broker, final TopicPartition partition) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            final long stableEnd = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            final long logEnd;
            try (KafkaConsumer<byte[], byte[]> uncommitted = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                logEnd = uncommitted.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            }
            return stableEnd == logEnd;
        }
    }

    private static void unzip(final String resource, final Path into) throws IOException {
        try (InputStream in = HangingTransactionsIT.class.getResourceAsStream(resource); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                final Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

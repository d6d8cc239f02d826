package io.hookgate.core.topics;

import io.hookgate.core.config.ConfigException;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.testing.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Topics that cannot carry the configured bodies, on a real broker: raised when allowed, else a configuration error. */
class TopicProvisionerIT {

    static KafkaTestCluster kafka;
    private static final RecordLimits LIMITS = new RecordLimits(4 * 1024 * 1024, 4 * 1024 * 1024 + 128 * 1024);

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static void createSmall(final Admin admin, final String name) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588")))).all().get();
        // A topic just created may not be listed yet by the broker that answers (its metadata lags the controller's).
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!admin.listTopics().names().get().contains(name)) {
            assertThat(System.nanoTime()).as("topic %s listed within 30 s", name).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static String maxMessageBytes(final Admin admin, final String name) throws Exception {
        final ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, name);
        return admin.describeConfigs(List.of(topic)).all().get().get(topic).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();
    }

    @Test
    void aTopicTooSmallForTheLargestBodyIsRaisedWhenHookgateMayChangeTopics() throws Exception {
        try (Admin admin = kafka.admin()) {
            createSmall(admin, "raise.raw");
            final TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            provisioner.ensureRecordSize(List.of(new TopicSpec("raise.raw", 1, (short) 1, Duration.ofDays(1), false, LIMITS.topicConfig())), LIMITS,
                "sources.big.maxBodyBytes", true);
            assertThat(maxMessageBytes(admin, "raise.raw")).isEqualTo(Integer.toString(LIMITS.maxRequestBytes()));
        }
    }

    @Test
    void aTopicTooSmallIsAConfigurationErrorNamingTheLimitWhenHookgateMayNot() throws Exception {
        try (Admin admin = kafka.admin()) {
            createSmall(admin, "keep.raw");
            final TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            final ConfigException error = catchThrowableOfType(ConfigException.class, () -> provisioner.ensureRecordSize(
                List.of(new TopicSpec("keep.raw", 1, (short) 1, Duration.ofDays(1), false, LIMITS.topicConfig())), LIMITS, "sources.big.maxBodyBytes", false));
            assertThat(error.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.path()).isEqualTo("sources.big.maxBodyBytes");
                assertThat(problem.message()).contains("keep.raw").contains("1048588").contains("max.message.bytes");
            });
            assertThat(maxMessageBytes(admin, "keep.raw")).isEqualTo("1048588");
        }
    }
}

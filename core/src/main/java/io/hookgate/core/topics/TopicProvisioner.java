package io.hookgate.core.topics;

import io.hookgate.core.config.ConfigException;
import io.hookgate.core.kafka.RecordLimits;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the topics that are missing; existing topics are left as they are. */
public final class TopicProvisioner {

    private static final long LIST_RETRY_MILLIS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(final Admin admin, final Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Waits until the leader of every partition of {@code topics} serves requests. The controller
     * reports a leader before the broker has taken the role, and an idempotent producer writing in
     * that moment can be stuck on out-of-order sequence errors until its delivery timeout.
     */
    private void awaitLeaders(final List<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                // Described and answered only once the broker knows them: a topic just created may not be known yet.
                final Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> partitions = new java.util.HashMap<>();
                admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> partitions.put(new org.apache.kafka.common.TopicPartition(name, p.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest())));
                // Answered only by a broker that is the partition's leader.
                admin.listOffsets(partitions).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new ExecutionException("the topics created have no leader yet: " + e.getCause().getMessage(), e.getCause());
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Makes sure every existing topic of {@code specs} accepts records of {@code limits}: a topic
     * whose {@code max.message.bytes} is smaller (one created before, or by hand) is raised when
     * {@code mayRaise}, else the configuration cannot be carried.
     *
     * @throws ConfigException naming the largest {@code maxBodyBytes} and the topic's limit when a
     *                         topic is too small and may not or cannot be raised
     * @throws IllegalStateException when Kafka cannot be reached
     */
    public void ensureRecordSize(final Collection<TopicSpec> specs, final RecordLimits limits, final String bodyLimitPath,
                                 final boolean mayRaise) {
        final int needed = limits.maxRequestBytes();
        try {
            final Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // Only the topics that carry requests and what derives from them (not the small compacted ones).
            final List<ConfigResource> resources = specs.stream()
                .filter(spec -> spec.configs().containsKey(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)).map(TopicSpec::name)
                .filter(existing::contains).map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            if (resources.isEmpty()) {
                return;
            }
            final Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            final Map<ConfigResource, Collection<AlterConfigOp>> raises = new HashMap<>();
            for (Map.Entry<ConfigResource, Config> topic : configs.entrySet()) {
                final ConfigEntry entry = topic.getValue().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                final long current = entry == null || entry.value() == null ? Long.MAX_VALUE : Long.parseLong(entry.value());
                if (current < needed) {
                    if (!mayRaise) {
                        throw tooSmall(bodyLimitPath, limits, topic.getKey().name(), current, "kafka.createTopics is false");
                    }
                    raises.put(topic.getKey(), List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(needed)), AlterConfigOp.OpType.SET)));
                }
            }
            for (Map.Entry<ConfigResource, org.apache.kafka.common.KafkaFuture<Void>> raised : admin.incrementalAlterConfigs(raises).values().entrySet()) {
                try {
                    raised.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    LOG.info("Raised max.message.bytes of {} to {} for records of up to {} body bytes", raised.getKey().name(), needed,
                        limits.maxBodyBytes());
                } catch (ExecutionException e) {
                    final ConfigEntry entry = configs.get(raised.getKey()).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                    throw tooSmall(bodyLimitPath, limits, raised.getKey().name(), Long.parseLong(entry.value()),
                        "raising it failed: " + e.getCause().getMessage());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read topic settings: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        }
    }

    private static ConfigException tooSmall(final String path, final RecordLimits limits, final String topic, final long current,
                                            final String why) {
        return new ConfigException(path, limits.maxBodyBytes() + " needs records of up to " + limits.maxRequestBytes()
            + " bytes, but topic " + topic + " accepts at most " + current + " (max.message.bytes; " + why
            + "): raise the topic's max.message.bytes or lower maxBodyBytes");
    }

    /**
     * The topics that exist, asked again while the answer is one that passes (a broker that has just
     * started may not serve metadata yet: {@code UNKNOWN_TOPIC_OR_PARTITION}, no leader), until the timeout.
     */
    private Set<String> existingTopics() throws ExecutionException, TimeoutException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.listTopics().names().get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                    TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.info("Kafka cannot list topics yet ({}); asking again", e.getCause().getMessage());
                Thread.sleep(LIST_RETRY_MILLIS);
            }
        }
    }

    /**
     * Creates each of {@code specs} that does not exist yet.
     *
     * @return the names of the topics created
     * @throws IllegalStateException when Kafka cannot be reached or refuses a topic
     */
    public List<String> createMissing(final Collection<TopicSpec> specs) {
        try {
            final Set<String> existing = existingTopics();
            final List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : specs) {
                if (!existing.contains(spec.name())) {
                    final Map<String, String> configs = new HashMap<>(spec.configs());
                    configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().isNegative() ? -1 : spec.retention().toMillis()));
                    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
                    missing.add(new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(configs));
                }
            }
            final List<String> created = new ArrayList<>();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            if (!created.isEmpty()) {
                awaitLeaders(created);
                LOG.info("Created topics {}", created);
            }
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}

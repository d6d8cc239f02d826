package io.hookgate.processor;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.kafka.GroupMembership;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.lifecycle.GatewayPart;
import io.hookgate.processor.internals.errors.Diversions;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.providers.SourceSchemes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the processor topology as a Kafka Streams application with {@code exactly_once_v2} and
 * persistent RocksDB state. Start as many instances as the load needs: they share the work by
 * partition, and the deduplication state moves with its partitions.
 */
public final class ProcessorService implements GatewayPart {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorService.class);

    private final HookgateConfig config;
    private final SourceSchemes schemes;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Tracing tracing;
    private final Subscriptions subscriptions;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;

    public ProcessorService(final HookgateConfig config, final SourceSchemes schemes, final MeterRegistry registry, final Clock clock) {
        this(config, schemes, registry, clock, Tracing.noop());
    }

    /** With {@code tracing} making the spans of each record, continuing the trace the ingress began. */
    public ProcessorService(final HookgateConfig config, final SourceSchemes schemes, final MeterRegistry registry, final Clock clock,
                            final Tracing tracing) {
        this(config, schemes, registry, clock, tracing, Subscriptions.of(config));
    }

    /**
     * With {@code subscriptions} (the process's {@link io.hookgate.core.subscription.SubscriptionTable},
     * started) saying where events fan out to.
     */
    public ProcessorService(final HookgateConfig config, final SourceSchemes schemes, final MeterRegistry registry, final Clock clock,
                            final Tracing tracing, final Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
        this.config = config;
        this.schemes = schemes;
        this.registry = registry;
        this.clock = clock;
        this.tracing = tracing;
    }

    /**
     * The Streams settings of this processor: exactly-once, explicit names, state where configured,
     * records as large as {@link RecordLimits} allows, and exception handlers that divert a record to
     * {@code events.rejected} rather than stop ({@code registry} counts what they divert).
     */
    public static Map<String, Object> streamsConfig(final HookgateConfig config, final MeterRegistry registry) {
        final Topics topics = new Topics(config.kafka().topicPrefix());
        final RecordLimits limits = RecordLimits.of(config);
        final Map<String, Object> specific = new HashMap<>(Diversions.streamsSettings(topics.rejected(), topics.raw(), registry));
        limits.producerConfig().forEach((key, value) -> specific.put(StreamsConfig.producerPrefix(key), value));
        // A send that meets the previous transaction's markers still being written (CONCURRENT_TRANSACTIONS) is retried:
        // soon, not after the default 100 ms, which would stall every transaction that follows a commit.
        specific.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        limits.topicConfig().forEach((key, value) -> specific.put(StreamsConfig.topicPrefix(key), value));
        specific.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), Integer.toString(config.kafka().minInSyncReplicas()));
        specific.put(StreamsConfig.APPLICATION_ID_CONFIG, topics.processorApplicationId());
        specific.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Two processors on one host (hookgate processor beside hookgate dev) must never open the same RocksDB folders.
        specific.put(StreamsConfig.STATE_DIR_CONFIG, config.admin().folderOfThisProcess(config.processor().stateDir()).toString());
        specific.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.processor().threads());
        specific.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.processor().standbyReplicas());
        specific.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.processor().commitInterval().toMillis());
        specific.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().replicationFactor());
        specific.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        specific.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        specific.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // After a crash the group waits the session timeout for the dead member (kafka.sessionTimeout, or the brokers' with
        // the streams protocol); 45 s (Kafka's default) is a long outage.
        specific.putAll(GroupMembership.streams(config.kafka()));
        return KafkaClients.config(config.kafka(), topics.processorApplicationId(), specific);
    }

    public synchronized void start() {
        final ProcessorMetrics metrics = new ProcessorMetrics(registry, config::tenantOfSource);
        metrics.startAtZero(config.sources().keySet());
        streams = new KafkaStreams(ProcessorTopology.build(config, schemes, metrics, rawPartitions(config), clock, tracing, subscriptions),
            new StreamsConfig(streamsConfig(config, registry)));
        streams.setUncaughtExceptionHandler(exception -> {
            // Records that fail are diverted by the exception handlers; reaching here is a broken store or cluster. Stop visibly:
            // /readyz turns red and the log says why, rather than a thread restarting in a loop.
            LOG.error("Processor stream thread failed; stopping the processor", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((newState, oldState) -> LOG.info("Processor {} -> {}", oldState, newState));
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        streams.start();
    }

    /** The partitions {@code ingress.raw} has (the repartition topic must have as many), or the configured number. */
    private static int rawPartitions(final HookgateConfig config) {
        final String raw = new Topics(config.kafka().topicPrefix()).raw();
        try (Admin admin = Admin.create(KafkaClients.config(config.kafka(), topicsClientId(config), Map.of()))) {
            return admin.describeTopics(List.of(raw)).allTopicNames().get(30, TimeUnit.SECONDS).get(raw).partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Cannot read the partitions of {} ({}); assuming kafka.partitions = {}", raw, e.toString(), config.kafka().partitions());
            return config.kafka().partitions();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the partitions of " + raw, e);
        }
    }

    private static String topicsClientId(final HookgateConfig config) {
        return new Topics(config.kafka().topicPrefix()).processorApplicationId() + "-topics";
    }

    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    @Override
    public String name() {
        return "processor";
    }

    @Override
    public String notReadyReason() {
        final KafkaStreams.State state = state();
        return state == KafkaStreams.State.RUNNING ? null : "streams state is " + state;
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            // Leave the group: a restarted instance then gets its tasks at once instead of after the session timeout.
            streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            streamsMetrics.close();
            streams = null;
        }
    }
}

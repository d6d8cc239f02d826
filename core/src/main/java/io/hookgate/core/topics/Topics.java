package io.hookgate.core.topics;

import io.hookgate.core.config.Durations;
import io.hookgate.core.config.HookgateConfig;

import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.delivery.AttemptEntryJson;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DeliveryTaskSerde;
import io.hookgate.core.delivery.DlqEntry;
import io.hookgate.core.delivery.OperationalEvent;
import io.hookgate.core.event.DuplicateRecord;
import io.hookgate.core.event.EncodedEvent;
import io.hookgate.core.event.EncodedEventSerde;
import io.hookgate.core.json.JsonSerde;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.request.RawRequest;
import io.hookgate.core.request.RawRequestSerde;
import io.hookgate.core.subscription.SubscriptionRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every topic and group name hookgate uses, built once from the configured prefix, and the typed
 * {@link Topic}s that say how each is written and read. No other code concatenates topic names or
 * picks a topic's serdes.
 */
public final class Topics {

    private static final Serde<RawRequest> RAW_REQUESTS = new RawRequestSerde();
    private static final Serde<DeliveryTask> TASKS = new DeliveryTaskSerde();
    private static final Serde<DlqEntry> DLQ_ENTRIES = new JsonSerde<>(DlqEntry.class);
    private static final Serde<AttemptEntry> ATTEMPT_ENTRIES = new JsonSerde<>(AttemptEntry.class, AttemptEntryJson::write);
    private static final Serde<EncodedEvent> ENCODED_EVENTS = new EncodedEventSerde();
    private static final Serde<DuplicateRecord> DUPLICATES = new JsonSerde<>(DuplicateRecord.class);
    private static final Serde<SubscriptionRecord> SUBSCRIPTIONS = new JsonSerde<>(SubscriptionRecord.class);
    private static final Serde<OperationalEvent> OPERATIONAL = new JsonSerde<>(OperationalEvent.class);

    private final String prefix;

    public Topics(final String prefix) {
        this.prefix = prefix;
    }

    /** Raw requests as the ingress stored them, keyed {@code {source}:{ingressId}}. */
    public String raw() {
        return prefix + "ingress.raw";
    }

    /** {@link #raw()} as raw requests: the body as the value, the metadata in headers. */
    public Topic<String, RawRequest> rawRequests() {
        return new Topic<>(raw(), Serdes.String(), RAW_REQUESTS);
    }

    /** {@link #dispatch()} as delivery tasks. */
    public Topic<String, DeliveryTask> dispatchTasks() {
        return tasks(dispatch());
    }

    /** A task topic ({@link #dispatch()} or a retry tier) as delivery tasks: the envelope as the value, the task in headers. */
    public Topic<String, DeliveryTask> tasks(final String name) {
        return new Topic<>(name, Serdes.String(), TASKS);
    }

    /** {@link #dlq()} as DLQ entries (JSON, the envelope embedded byte for byte). */
    public Topic<String, DlqEntry> deadLetters() {
        return new Topic<>(dlq(), Serdes.String(), DLQ_ENTRIES);
    }

    /** {@link #attempts()} as attempt entries (JSON). */
    public Topic<String, AttemptEntry> attemptEntries() {
        return new Topic<>(attempts(), Serdes.String(), ATTEMPT_ENTRIES);
    }

    /** {@link #verified(String)} as encoded events: the envelope as the value, who it is in headers. */
    public Topic<String, EncodedEvent> verifiedEvents(final String name) {
        return new Topic<>(name, Serdes.String(), ENCODED_EVENTS);
    }

    /** Raw records that failed verification, with a reason header, keyed by source id. */
    public String rejected() {
        return prefix + "events.rejected";
    }

    /** Verified envelopes of {@code source}, keyed {@code {source}:{eventId}}. */
    public String verified(final String source) {
        return prefix + "verified." + source;
    }

    /** Delivery tasks due now, keyed by subscription id. */
    public String dispatch() {
        return prefix + "dispatch";
    }

    /** Delivery tasks waiting {@code delay} before their next attempt. */
    public String retry(final Duration delay) {
        return prefix + "dispatch.retry." + Durations.format(delay);
    }

    /**
     * Delivery tasks parked, keyed by subscription id: those of a subscription whose breaker is open
     * or that is disabled, and those queued behind them. One delay ({@code dispatch.parkFor}), so
     * that, like a retry tier, the head of each partition is its earliest due task.
     */
    public String parked() {
        return prefix + "dispatch.parked";
    }

    /** Breakers opened and closed, subscriptions disabled, keyed by subscription id. */
    public String operational() {
        return prefix + "events.operational";
    }

    /** {@link #operational()} as operational events (JSON). */
    public Topic<String, OperationalEvent> operationalEvents() {
        return new Topic<>(operational(), Serdes.String(), OPERATIONAL);
    }

    /** Every delivery attempt's outcome, successes included, keyed by subscription id: the delivery log. */
    public String attempts() {
        return prefix + "dispatch.attempts";
    }

    /** Deliveries that will not be attempted again, keyed by subscription id. */
    public String dlq() {
        return prefix + "dispatch.dlq";
    }

    /** Verified events dropped as duplicates, keyed {@code {source}:{eventId}}: for watching, never replayed. */
    public String duplicates() {
        return prefix + "events.duplicates";
    }

    /** {@link #duplicates()} as duplicate records (JSON, no payload). */
    public Topic<String, DuplicateRecord> duplicateRecords() {
        return new Topic<>(duplicates(), Serdes.String(), DUPLICATES);
    }

    /** Replays done by operators, keyed {@code dlq:<id>} or {@code rejected:<id>}: compacted, kept forever. */
    public String replays() {
        return prefix + "admin.replays";
    }

    /** Subscriptions made through the admin API and states of the file's, keyed by subscription id: compacted, kept forever. */
    public String subscriptions() {
        return prefix + "subscriptions";
    }

    /** {@link #subscriptions()} as subscription records (JSON, secrets sealed); a tombstone deletes. */
    public Topic<String, SubscriptionRecord> subscriptionRecords() {
        return new Topic<>(subscriptions(), Serdes.String(), SUBSCRIPTIONS);
    }

    /** The Kafka Streams application id of the processor (prefix of its internal topics). */
    public String processorApplicationId() {
        return prefix + "processor";
    }

    /** The consumer group of the dispatcher. */
    public String dispatcherGroup() {
        return prefix + "dispatcher";
    }

    /** The distinct retry topics of {@code delays}, in ladder order. */
    public List<String> retryTopics(final List<Duration> delays) {
        final Set<String> names = new LinkedHashSet<>();
        delays.forEach(delay -> names.add(retry(delay)));
        return List.copyOf(names);
    }

    /** Every topic {@code config} needs, with partitions, replication and retention from it. */
    public List<TopicSpec> all(final HookgateConfig config) {
        final int partitions = config.kafka().partitions();
        final short replication = config.kafka().replicationFactor();
        final Duration retention = config.kafka().retention();
        final Map<String, String> configs = new HashMap<>(RecordLimits.of(config).topicConfig());
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(config.kafka().minInSyncReplicas()));
        final List<TopicSpec> specs = new ArrayList<>();
        specs.add(new TopicSpec(raw(), partitions, replication, retention, false, configs));
        // Rejected copies hold what the sender presented (tokens, signatures): no longer than the raw topic.
        specs.add(new TopicSpec(rejected(), partitions, replication, retention, false, configs));
        config.sources().keySet().forEach(source ->
            specs.add(new TopicSpec(verified(source), partitions, replication, retention, false, configs)));
        specs.add(new TopicSpec(dispatch(), partitions, replication, retention, false, configs));
        retryTopics(config.dispatch().retryDelays()).forEach(topic ->
            specs.add(new TopicSpec(topic, partitions, replication, retention.plus(maxDelay(config)), false, configs)));
        // A parked task is written again every parkFor while it waits: the retry tiers' retention is ample.
        specs.add(new TopicSpec(parked(), partitions, replication, retention.plus(maxDelay(config)), false, configs));
        // The delivery log: as long as the DLQ, so that every dead-lettered delivery's attempts can be shown.
        specs.add(new TopicSpec(attempts(), partitions, replication, retention.multipliedBy(4), false, configs));
        specs.add(new TopicSpec(dlq(), partitions, replication, retention.multipliedBy(4), false, configs));
        specs.add(new TopicSpec(duplicates(), partitions, replication, retention, false, configs));
        specs.add(new TopicSpec(operational(), partitions, replication, retention.multipliedBy(4), false, configs));
        final Map<String, String> kept = Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(config.kafka().minInSyncReplicas()));
        specs.add(new TopicSpec(replays(), 1, replication, Duration.ofMillis(-1), true, kept));
        // One partition: every reader applies the changes in the order the admin API made them.
        specs.add(new TopicSpec(subscriptions(), 1, replication, Duration.ofMillis(-1), true, kept));
        return List.copyOf(specs);
    }

    private static Duration maxDelay(final HookgateConfig config) {
        return config.dispatch().retryDelays().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }
}

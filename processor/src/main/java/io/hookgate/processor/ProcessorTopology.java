package io.hookgate.processor;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.event.EncodedEvent;
import io.hookgate.core.event.EncodedEventSerde;
import io.hookgate.core.event.EventRefHeaders;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.topics.Topic;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.event.DuplicateRecord;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.processor.internals.dedup.Deduplicated;
import io.hookgate.processor.internals.dedup.DedupStores;
import io.hookgate.processor.internals.errors.BoundedBytes;
import io.hookgate.processor.internals.fanout.FanOut;
import io.hookgate.processor.internals.verify.Classified;
import io.hookgate.processor.internals.verify.VerifyProcessor;
import io.hookgate.providers.SourceSchemes;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

import java.time.Clock;
import java.util.Map;

/**
 * The processor's topology, in one place:
 * <pre>
 * ingress.raw ─ verify ─┬─ rejected ─ key by source ────────────────────────────────── events.rejected
 *                       ├─ verified, in its dedup key's partition ─ key ───────┐
 *                       └─ verified, elsewhere ─ key ─ repartition ────────────┴─ deduplicate ─┬─ verified.{source}
 *                                                                                              ├─ fan out ─ dispatch
 *                                                                                              └─ duplicate ─ events.duplicates
 * </pre>
 * Verify writes each envelope once; from there on every node passes its bytes along and reads who
 * the event is from the {@link EventRefHeaders} beside it. Every copy of an event must meet the
 * same task's store: the ingress already writes a raw record to the partition of the dedup key its
 * scheme expects ({@link io.hookgate.core.kafka.DedupPartitions}), and such a record is deduplicated
 * in place, in the same transaction; any other (no hint, a wrong one, a replay) goes through the
 * repartition topic, whose partitions are those of {@code ingress.raw}, to the same task. So
 * deduplication stays exact with any number of processor instances, one busy source still spreads
 * over every partition, and most events take one hop (and one transaction) instead of two. Every value
 * written is bounded ({@link BoundedBytes}). Every node, topic and store has an explicit name, so
 * the documented topology ({@code topology-docs/}) does not churn when a node is added.
 */
public final class ProcessorTopology {

    private ProcessorTopology() {
    }

    /** @param partitions the partitions of {@code ingress.raw}, which the repartition topic must have too */
    public static Topology build(final HookgateConfig config, final SourceSchemes schemes, final ProcessorMetrics metrics,
                                 final int partitions, final Clock clock) {
        return build(config, schemes, metrics, partitions, clock, Tracing.noop());
    }

    /**
     * As the other {@code build}, with {@code tracing} making a {@code verify} and a {@code deduplicate}
     * span per record; every record written carries the trace on in its headers.
     */
    public static Topology build(final HookgateConfig config, final SourceSchemes schemes, final ProcessorMetrics metrics,
                                 final int partitions, final Clock clock, final Tracing tracing) {
        return build(config, schemes, metrics, partitions, clock, tracing, Subscriptions.of(config));
    }

    /** As the other {@code build}, fanning out to the subscriptions in force in {@code subscriptions}. */
    public static Topology build(final HookgateConfig config, final SourceSchemes schemes, final ProcessorMetrics metrics,
                                 final int partitions, final Clock clock, final Tracing tracing, final Subscriptions subscriptions) {
        final Topics topics = new Topics(config.kafka().topicPrefix());
        final RecordLimits limits = RecordLimits.of(config);
        final Serde<byte[]> records = BoundedBytes.serde(limits.maxRecordBytes());
        final Serde<EncodedEvent> envelopes = BoundedBytes.serde(new EncodedEventSerde(), limits.maxEnvelopeBytes());
        final Serde<EncodedEvent> verifiedEvents = BoundedBytes.serde(new EncodedEventSerde(), limits.maxRecordBytes());
        final StreamsBuilder builder = new StreamsBuilder();

        final KStream<byte[], Classified> classified = builder
            .stream(topics.raw(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw-requests"))
            .processValues(() -> new VerifyProcessor(config, schemes, metrics, partitions, clock, tracing), Named.as("verify"));

        final Map<String, KStream<byte[], Classified>> outcomes = classified.split(Named.as("outcome-"))
            .branch((key, value) -> value instanceof Classified.Rejected, Branched.as("rejected"))
            .branch((key, value) -> ((Classified.Verified) value).local(), Branched.as("in-place"))
            .defaultBranch(Branched.as("verified"));

        outcomes.get("outcome-rejected")
            .map((key, value) -> KeyValue.pair(value.source(), ((Classified.Rejected) value).rawBody()), Named.as("key-by-source"))
            .to(topics.rejected(), Produced.with(Serdes.String(), records).withName("rejected-requests"));

        final KStream<String, EncodedEvent> inPlace = outcomes.get("outcome-in-place")
            .map((key, value) -> byDedupKey(value), Named.as("key-in-place"));
        final KStream<String, EncodedEvent> repartitioned = outcomes.get("outcome-verified")
            .map((key, value) -> byDedupKey(value), Named.as("key-by-event-id"))
            .repartition(Repartitioned.with(Serdes.String(), envelopes).withName("by-event-id").withNumberOfPartitions(partitions));
        final Map<String, KStream<String, Deduplicated>> deduplicated = inPlace.merge(repartitioned, Named.as("to-deduplicate"))
            .process(new DedupStores(config, metrics, tracing), Named.as("deduplicate"))
            .split(Named.as("dedup-"))
            .branch((key, value) -> value.duplicate(), Branched.as("duplicate"))
            .defaultBranch(Branched.as("unique"));
        final KStream<String, EncodedEvent> unique = deduplicated.get("dedup-unique")
            .mapValues(Deduplicated::event, Named.as("unique-event"));

        final Topic<String, DuplicateRecord> duplicates = topics.duplicateRecords();
        deduplicated.get("dedup-duplicate")
            .mapValues(value -> new DuplicateRecord(DuplicateRecord.SCHEMA_VERSION, value.event().ref(), clock.instant()),
                Named.as("describe-duplicate"))
            .to(duplicates.name(), Produced.with(duplicates.keys(), duplicates.values()).withName("dropped-duplicates"));

        unique.to((key, event, context) -> topics.verified(event.ref().source()),
            Produced.with(Serdes.String(), verifiedEvents).withName("verified-events"));

        final Topic<String, DeliveryTask> tasks = topics.dispatchTasks();
        unique.process(() -> new FanOut(subscriptions, metrics, clock), Named.as("fan-out"))
            .to(tasks.name(), Produced.with(tasks.keys(), BoundedBytes.serde(tasks.values(), limits.maxRecordBytes()))
                .withName("delivery-tasks"));

        return builder.build();
    }

    private static KeyValue<String, EncodedEvent> byDedupKey(final Classified value) {
        final Classified.Verified verified = (Classified.Verified) value;
        return KeyValue.pair(verified.dedupKey(), verified.event());
    }
}

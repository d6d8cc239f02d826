package io.hookgate.processor;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.json.JsonSerde;
import io.hookgate.core.topics.Topics;
import io.hookgate.processor.dedup.DedupStores;
import io.hookgate.processor.fanout.FanOut;
import io.hookgate.processor.verify.Classified;
import io.hookgate.processor.verify.VerifyProcessor;
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
 * ingress.raw ─ verify ─┬─ rejected ─ key by source ──────────────────────────── events.rejected
 *                       └─ verified ─ key {source}:{eventId} ─ repartition ─ deduplicate ─┬─ verified.{source}
 *                                                                                         └─ fan out ─ dispatch
 * </pre>
 * The repartition puts every copy of an event on the same task, so deduplication stays exact with
 * any number of processor instances while one busy source still spreads over every partition of
 * {@code ingress.raw}. Every node, topic and store has an explicit name, so the documented
 * topology ({@code topology-docs/}) does not churn when a node is added.
 */
public final class ProcessorTopology {

    private static final Serde<VerifiedEvent> EVENTS = new JsonSerde<>(VerifiedEvent.class);
    private static final Serde<DeliveryTask> TASKS = new JsonSerde<>(DeliveryTask.class);

    private ProcessorTopology() {
    }

    public static Topology build(final HookgateConfig config, final SourceSchemes schemes, final ProcessorMetrics metrics, final Clock clock) {
        final Topics topics = new Topics(config.kafka().topicPrefix());
        final FanOut fanOut = new FanOut(config, clock);
        final StreamsBuilder builder = new StreamsBuilder();

        final KStream<byte[], Classified> classified = builder
            .stream(topics.raw(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw-requests"))
            .processValues(() -> new VerifyProcessor(config, schemes, metrics, clock), Named.as("verify"));

        final Map<String, KStream<byte[], Classified>> outcomes = classified.split(Named.as("outcome-"))
            .branch((key, value) -> value instanceof Classified.Rejected, Branched.as("rejected"))
            .defaultBranch(Branched.as("verified"));

        outcomes.get("outcome-rejected")
            .map((key, value) -> KeyValue.pair(value.source(), ((Classified.Rejected) value).rawBody()), Named.as("key-by-source"))
            .to(topics.rejected(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("rejected-requests"));

        final KStream<String, VerifiedEvent> unique = outcomes.get("outcome-verified")
            .map((key, value) -> {
                final VerifiedEvent event = ((Classified.Verified) value).event();
                return KeyValue.pair(event.dedupKey(), event);
            }, Named.as("key-by-event-id"))
            .repartition(Repartitioned.with(Serdes.String(), EVENTS).withName("by-event-id"))
            .processValues(new DedupStores(config, metrics), Named.as("deduplicate"));

        unique.to((key, event, context) -> topics.verified(event.source()),
            Produced.with(Serdes.String(), EVENTS).withName("verified-events"));

        unique.flatMap((key, event) -> fanOut.tasks(event), Named.as("fan-out"))
            .to(topics.dispatch(), Produced.with(Serdes.String(), TASKS).withName("delivery-tasks"));

        return builder.build();
    }
}

package io.hookgate.processor;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.event.EventRefHeaders;
import io.hookgate.core.kafka.HeaderText;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.topics.Topics;
import io.hookgate.processor.dedup.DedupStores;
import io.hookgate.processor.errors.BoundedBytes;
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
 *                       └─ verified ─ key by dedup key ─ repartition ─ deduplicate ─┬─ verified.{source}
 *                                                                                   └─ fan out ─ dispatch
 * </pre>
 * Verify writes each envelope once; from there on every node passes its bytes along and reads who
 * the event is from the {@link EventRefHeaders} beside it. The repartition puts every copy of an
 * event on the same task, so deduplication stays exact with any number of processor instances
 * while one busy source still spreads over every partition of {@code ingress.raw}. Every value
 * written is bounded ({@link BoundedBytes}). Every node, topic and store has an explicit name, so
 * the documented topology ({@code topology-docs/}) does not churn when a node is added.
 */
public final class ProcessorTopology {

    private ProcessorTopology() {
    }

    public static Topology build(final HookgateConfig config, final SourceSchemes schemes, final ProcessorMetrics metrics, final Clock clock) {
        final Topics topics = new Topics(config.kafka().topicPrefix());
        final RecordLimits limits = RecordLimits.of(config);
        final Serde<byte[]> records = BoundedBytes.serde(limits.maxRecordBytes());
        final Serde<byte[]> envelopes = BoundedBytes.serde(limits.maxEnvelopeBytes());
        final StreamsBuilder builder = new StreamsBuilder();

        final KStream<byte[], Classified> classified = builder
            .stream(topics.raw(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw-requests"))
            .processValues(() -> new VerifyProcessor(config, schemes, metrics, clock), Named.as("verify"));

        final Map<String, KStream<byte[], Classified>> outcomes = classified.split(Named.as("outcome-"))
            .branch((key, value) -> value instanceof Classified.Rejected, Branched.as("rejected"))
            .defaultBranch(Branched.as("verified"));

        outcomes.get("outcome-rejected")
            .map((key, value) -> KeyValue.pair(value.source(), ((Classified.Rejected) value).rawBody()), Named.as("key-by-source"))
            .to(topics.rejected(), Produced.with(Serdes.String(), records).withName("rejected-requests"));

        final KStream<String, byte[]> unique = outcomes.get("outcome-verified")
            .map((key, value) -> {
                final Classified.Verified verified = (Classified.Verified) value;
                return KeyValue.pair(verified.dedupKey(), verified.envelope());
            }, Named.as("key-by-event-id"))
            .repartition(Repartitioned.with(Serdes.String(), envelopes).withName("by-event-id"))
            .process(new DedupStores(config, metrics), Named.as("deduplicate"));

        unique.to((key, envelope, context) -> topics.verified(HeaderText.last(context.headers(), EventRefHeaders.SOURCE)),
            Produced.with(Serdes.String(), records).withName("verified-events"));

        unique.process(() -> new FanOut(config, clock), Named.as("fan-out"))
            .to(topics.dispatch(), Produced.with(Serdes.String(), records).withName("delivery-tasks"));

        return builder.build();
    }
}

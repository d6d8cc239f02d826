package io.hookgate.processor.internals.fanout;

import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.DeliveryTask;
import org.apache.kafka.common.header.internals.RecordHeaders;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.event.EncodedEvent;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.tracing.TraceHeaders;
import io.hookgate.processor.ProcessorMetrics;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One delivery task per subscription that wants an event: the subscription names the event's
 * source and one of its {@code eventTypes} matches (or it has none). A disabled subscription gets
 * its tasks too: the dispatcher parks them until it is enabled again, so that enabling it delivers
 * what it missed; a deleted one gets none. The subscriptions are
 * those in force when the event passes ({@link Subscriptions}: the file's and the admin API's, a
 * change applied within a poll of the {@code subscriptions} topic). Keyed by subscription id;
 * the task's value is the event's envelope as it arrived here, shared, never copied or re-read.
 * An event that no subscription wants is counted as unrouted, by source and type.
 * Each task's record carries the event's trace headers, so its delivery attempts join the trace.
 */
public final class FanOut extends ContextualProcessor<String, EncodedEvent, String, DeliveryTask> {

    private final Subscriptions subscriptions;
    private final ProcessorMetrics metrics;
    private final Clock clock;

    public FanOut(final Subscriptions subscriptions, final ProcessorMetrics metrics, final Clock clock) {
        this.subscriptions = subscriptions;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void process(final Record<String, EncodedEvent> record) {
        final EventRef ref = record.value().ref();
        final List<DeliveryTask> tasks = tasks(ref, record.value().envelope());
        if (tasks.isEmpty()) {
            metrics.unrouted(ref.source(), ref.type());
        }
        for (DeliveryTask task : tasks) {
            // The sink's serde writes the task's headers beside the trace's; the envelope's bytes are shared, not copied.
            context().forward(new Record<>(task.subscription(), task, record.timestamp(),
                TraceHeaders.copy(record.headers(), new RecordHeaders())));
        }
    }

    /** The tasks of event {@code ref}, one per subscription that wants it. */
    public List<DeliveryTask> tasks(final EventRef ref, final RawJson envelope) {
        final List<DeliveryTask> tasks = new ArrayList<>();
        for (SubscriptionConfig subscription : subscriptions.namingSource(ref.source())) {
            if (subscription.wantsType(ref.type())) {
                tasks.add(DeliveryTask.first(ref, envelope, subscription.id(), clock.instant()));
            }
        }
        return tasks;
    }
}

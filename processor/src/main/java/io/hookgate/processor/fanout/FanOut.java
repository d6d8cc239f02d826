package io.hookgate.processor.fanout;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.event.VerifiedEvent;
import org.apache.kafka.streams.KeyValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One delivery task per subscription that wants an event: the subscription names the event's
 * source and one of its {@code eventTypes} matches (or it has none). Keyed by subscription id.
 */
public final class FanOut {

    private final Map<String, List<SubscriptionConfig>> bySource;
    private final Clock clock;

    public FanOut(final HookgateConfig config, final Clock clock) {
        final Map<String, List<SubscriptionConfig>> index = new HashMap<>();
        config.subscriptions().values().forEach(subscription -> subscription.sources().forEach(source ->
            index.computeIfAbsent(source, ignored -> new ArrayList<>()).add(subscription)));
        index.replaceAll((source, subscriptions) -> List.copyOf(subscriptions));
        this.bySource = Map.copyOf(index);
        this.clock = clock;
    }

    public List<KeyValue<String, DeliveryTask>> tasks(final VerifiedEvent event) {
        final List<KeyValue<String, DeliveryTask>> tasks = new ArrayList<>();
        for (SubscriptionConfig subscription : bySource.getOrDefault(event.source(), List.of())) {
            if (subscription.wantsType(event.type())) {
                tasks.add(KeyValue.pair(subscription.id(), DeliveryTask.first(event, subscription.id(), clock.instant())));
            }
        }
        return tasks;
    }
}

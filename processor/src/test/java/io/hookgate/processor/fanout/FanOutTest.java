package io.hookgate.processor.fanout;

import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.processor.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** A disabled subscription gets its tasks too (they wait parked at the dispatcher); one not naming the source gets none. */
class FanOutTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static LiveSubscription live(final String id, final State state, final String source) {
        return new LiveSubscription(new SubscriptionConfig(id, URI.create("https://" + id + ".example.com/"), List.of(source), List.of(),
            List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), Duration.ofSeconds(10), 0, false, Optional.empty(), 256),
            state, Origin.API, Optional.empty(), NOW, NOW);
    }

    /** Subscriptions as any implementation has them: only the interface's own methods, its default namingSource. */
    private static Subscriptions of(final List<LiveSubscription> all) {
        return new Subscriptions() {
            @Override
            public Optional<LiveSubscription> find(final String id) {
                return all.stream().filter(live -> live.id().equals(id)).findFirst();
            }

            @Override
            public Collection<LiveSubscription> all() {
                return all;
            }

            @Override
            public List<SubscriptionConfig> deliveringFrom(final String source) {
                return all.stream().filter(LiveSubscription::enabled).map(LiveSubscription::config)
                    .filter(config -> config.sources().contains(source)).toList();
            }

            @Override
            public CompletableFuture<Void> sync() {
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    @Test
    void aDisabledSubscriptionGetsItsTasksSoThatEnablingDeliversThem() {
        final FanOut fanOut = new FanOut(of(List.of(live("on", State.ENABLED, "shop"), live("off", State.DISABLED, "shop"),
            live("elsewhere", State.ENABLED, "crm"))), new ProcessorMetrics(new SimpleMeterRegistry()), Clock.fixed(NOW, ZoneOffset.UTC));
        final EventRef ref = new EventRef("evt_1", "shop", "e1", "order.created", null, NOW, "ing-1");
        final List<DeliveryTask> tasks = fanOut.tasks(ref, RawJson.trusted("{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(tasks).extracting(DeliveryTask::subscription).containsExactly("on", "off");
    }
}

package io.hookgate.processor.internals.fanout;

import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.testing.MutableSubscriptions;
import io.hookgate.processor.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A disabled subscription gets its tasks too (they wait parked at the dispatcher); one not naming the source gets none. */
class FanOutTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static SubscriptionConfig config(final String id, final String source) {
        return new SubscriptionConfig(id, URI.create("https://" + id + ".example.com/"), List.of(source), List.of(),
            List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), Duration.ofSeconds(10), 0, false, Optional.empty(), 256);
    }

    @Test
    void aDisabledSubscriptionGetsItsTasksSoThatEnablingDeliversThem() {
        // Its default namingSource, as any implementation of Subscriptions has it.
        final Subscriptions subscriptions = new MutableSubscriptions().put(config("on", "shop"), State.ENABLED, Origin.API, NOW)
            .put(config("off", "shop"), State.DISABLED, Origin.API, NOW).put(config("elsewhere", "crm"), State.ENABLED, Origin.API, NOW);
        final FanOut fanOut = new FanOut(subscriptions, new ProcessorMetrics(new SimpleMeterRegistry()), Clock.fixed(NOW, ZoneOffset.UTC));
        final EventRef ref = new EventRef("evt_1", "shop", "e1", "order.created", null, NOW, "ing-1");
        final List<DeliveryTask> tasks = fanOut.tasks(ref, RawJson.trusted("{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(tasks).extracting(DeliveryTask::subscription).containsExactly("on", "off");
    }
}

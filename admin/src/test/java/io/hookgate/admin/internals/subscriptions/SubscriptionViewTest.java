package io.hookgate.admin.internals.subscriptions;

import io.hookgate.admin.api.model.Subscription;
import io.hookgate.admin.TestConfigs;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A subscription as the server writes it: every key present, null when without a value; read back as the CLI reads it. */
class SubscriptionViewTest {

    private static final String CONFIG = """
        sources:
          stripe: {provider: standard-webhooks}
        subscriptions:
          billing:
            url: https://billing.example.com/hooks
            sources: [stripe]
            eventTypes: ["invoice.*"]
            secret: "whsec_ZGVtby1wYXltZW50cy1zZWNyZXQtZm9yLWhvb2tnYXRl"
            timeout: 10s
            maxInFlight: 8
        """;

    @Test
    void everyFieldIsWrittenInOrderAndReadsBackAsTheSameRecord() {
        final SubscriptionConfig config = TestConfigs.parse(CONFIG)
            .subscriptions().get("billing");
        final LiveSubscription live = new LiveSubscription(config, State.DISABLED, Origin.API,
            Optional.of("invoices"), Instant.parse("2026-11-23T10:00:00Z"), null);

        final Subscription written = SubscriptionView.of(live);
        final String json = Json.writeString(written);

        assertThat(json).startsWith("{\"id\":\"billing\",\"url\":\"https://billing.example.com/hooks\",\"sources\":[\"stripe\"],"
                + "\"eventTypes\":[\"invoice.*\"],\"timeout\":\"10s\",\"rateLimitPerSecond\":0,\"maxInFlight\":8,\"tenant\":null,"
                + "\"allowInsecureUrl\":false,\"breaker\":{\"failures\":")
            .contains(",\"retryDelays\":null,\"description\":\"invoices\",\"state\":\"disabled\",\"origin\":\"api\","
                + "\"createdAt\":\"2026-11-23T10:00:00Z\",\"updatedAt\":null}")
            .doesNotContain("whsec_");
        assertThat(Json.read(json.getBytes(StandardCharsets.UTF_8), Subscription.class)).isEqualTo(written);
    }
}

package io.hookgate.admin.internals.subscriptions;

import io.hookgate.core.config.Durations;
import io.hookgate.core.config.EventTypePattern;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.subscription.LiveSubscription;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subscription as the admin API answers it: {@code id, url, sources, eventTypes, timeout} (as
 * {@code "10s"}), {@code rateLimitPerSecond, maxInFlight, tenant, allowInsecureUrl, description,
 * state, origin, createdAt, updatedAt}, every key always present ({@code null} when it has no
 * value: no tenant, no description, a subscription of the file never changed). Its secrets are
 * never part of it.
 */
final class SubscriptionView {

    private SubscriptionView() {
    }

    static Map<String, Object> of(final LiveSubscription live) {
        final SubscriptionConfig config = live.config();
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", config.id());
        view.put("url", config.url().toString());
        view.put("sources", config.sources());
        view.put("eventTypes", config.eventTypes().stream().map(EventTypePattern::toString).toList());
        view.put("timeout", Durations.format(config.timeout()));
        view.put("rateLimitPerSecond", config.rateLimitPerSecond());
        view.put("maxInFlight", config.maxInFlight());
        view.put("tenant", config.tenant().orElse(null));
        view.put("allowInsecureUrl", config.allowInsecureUrl());
        view.put("breaker", Map.of("failures", config.breaker().failures(), "window", Durations.format(config.breaker().window()),
            "probeEvery", Durations.format(config.breaker().probeEvery())));
        view.put("disableAfter", Durations.format(config.disableAfter()));
        view.put("retryDelays", config.retryDelays().map(delays -> delays.stream().map(Durations::format).toList()).orElse(null));
        view.put("description", live.description().orElse(null));
        view.put("state", live.state().code());
        view.put("origin", live.origin().code());
        view.put("createdAt", live.createdAt());
        view.put("updatedAt", live.updatedAt());
        return view;
    }
}

package io.hookgate.admin.api;

import io.hookgate.admin.view.AdminEntry;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.subscription.Subscriptions;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which DLQ and rejected entries (and deliveries) a {@link Caller} sees. The operator sees every
 * entry. A tenant sees a DLQ entry or a delivery when the subscription it was meant for belongs to
 * the tenant now (one of a subscription since deleted is the operator's alone), and a rejected
 * request when its source belongs to the tenant.
 */
public final class EntryVisibility {

    private final Map<String, SourceConfig> sources;
    private final Subscriptions subscriptions;

    public EntryVisibility(final HookgateConfig config, final Subscriptions subscriptions) {
        this.sources = config.sources();
        this.subscriptions = subscriptions;
    }

    /** The DLQ entries {@code caller} sees. */
    public Predicate<AdminEntry> dlq(final Caller caller) {
        final Predicate<String> seen = subscriptions(caller);
        return entry -> seen.test(entry.subscription());
    }

    /**
     * The subscription ids whose things (DLQ entries, deliveries, health) {@code caller} sees: every
     * one for the operator; for a tenant, those that belong to its tenant now (not null, not deleted).
     */
    public Predicate<String> subscriptions(final Caller caller) {
        if (caller.isOperator()) {
            return subscription -> true;
        }
        return subscription -> subscription != null && subscriptions.find(subscription)
            .map(live -> caller.sees(live.config().tenant())).orElse(false);
    }

    /** The rejected requests {@code caller} sees. */
    public Predicate<AdminEntry> rejected(final Caller caller) {
        if (caller.isOperator()) {
            return entry -> true;
        }
        return entry -> entry.source() != null && Optional.ofNullable(sources.get(entry.source()))
            .map(source -> caller.sees(source.tenant())).orElse(false);
    }
}

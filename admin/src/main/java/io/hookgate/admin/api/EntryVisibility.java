package io.hookgate.admin.api;

import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.subscription.Subscriptions;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Which DLQ and rejected entries (and deliveries) a {@link Caller} sees. The operator sees every
 * entry. A tenant sees a DLQ entry or a delivery when the subscription it was meant for belongs to
 * the tenant now (one of a subscription since deleted is the operator's alone) and the source its
 * event came from belongs to the tenant too: a subscription's sources are its tenant's, so an entry
 * of another tenant's source was made for another subscription of that id, since deleted (ids are
 * free again once deleted), and is never shown to, or replayed for, the one that took the id. A
 * tenant sees a rejected request, or a verified event, when its source belongs to the tenant.
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
        final BiPredicate<String, String> seen = deliveries(caller);
        return entry -> seen.test(entry.subscription(), entry.source());
    }

    /** The deliveries (and DLQ entries) {@code caller} sees, by the subscription they were for and the source of their event. */
    public BiPredicate<String, String> deliveries(final Caller caller) {
        if (caller.isOperator()) {
            return (subscription, source) -> true;
        }
        final Predicate<String> subscriptionSeen = subscriptions(caller);
        return (subscription, source) -> subscriptionSeen.test(subscription) && sourceSeen(caller, source);
    }

    private boolean sourceSeen(final Caller caller, final String source) {
        return source != null && Optional.ofNullable(sources.get(source)).map(config -> caller.sees(config.tenant())).orElse(false);
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
        final Predicate<String> seen = sources(caller);
        return entry -> seen.test(entry.source());
    }

    /**
     * The source ids whose requests and verified events {@code caller} sees: every one for the
     * operator; for a tenant, the configured sources of its tenant.
     */
    public Predicate<String> sources(final Caller caller) {
        if (caller.isOperator()) {
            return source -> true;
        }
        return source -> sourceSeen(caller, source);
    }
}

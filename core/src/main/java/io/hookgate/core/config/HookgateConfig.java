package io.hookgate.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * A whole, validated hookgate configuration. Built only by {@link ConfigLoader}, which reports
 * every problem before any part starts. Immutable; sources and subscriptions keep file order.
 */
public record HookgateConfig(
    KafkaSettings kafka,
    IngressSettings ingress,
    Map<String, SourceConfig> sources,
    Map<String, SubscriptionConfig> subscriptions,
    DispatchSettings dispatch,
    AdminSettings admin,
    ProcessorSettings processor,
    DevSettings dev,
    TracingSettings tracing,
    LoggingSettings logging,
    Map<String, TenantSettings> tenants) {

    /** A configuration without section {@code tenants}. */
    public HookgateConfig(final KafkaSettings kafka, final IngressSettings ingress, final Map<String, SourceConfig> sources,
                          final Map<String, SubscriptionConfig> subscriptions, final DispatchSettings dispatch, final AdminSettings admin,
                          final ProcessorSettings processor, final DevSettings dev, final TracingSettings tracing,
                          final LoggingSettings logging) {
        this(kafka, ingress, sources, subscriptions, dispatch, admin, processor, dev, tracing, logging, Map.of());
    }

    /** A configuration without sections {@code tracing} and {@code logging}: tracing off, plain logs at INFO. */
    public HookgateConfig(final KafkaSettings kafka, final IngressSettings ingress, final Map<String, SourceConfig> sources,
                          final Map<String, SubscriptionConfig> subscriptions, final DispatchSettings dispatch, final AdminSettings admin,
                          final ProcessorSettings processor, final DevSettings dev) {
        this(kafka, ingress, sources, subscriptions, dispatch, admin, processor, dev, TracingSettings.defaults(),
            LoggingSettings.defaults(), Map.of());
    }

    public Optional<SourceConfig> source(final String id) {
        return Optional.ofNullable(sources.get(id));
    }

    public Optional<SubscriptionConfig> subscription(final String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    /** The tenant of source {@code id}: empty for a source of no tenant, or an unknown one (a metric's tag). */
    public String tenantOfSource(final String id) {
        return source(id).flatMap(SourceConfig::tenant).orElse("");
    }

    /** The limits of {@code tenant}: none when it has no entry in section {@code tenants}. */
    public TenantSettings tenant(final String tenant) {
        return tenants.getOrDefault(tenant, new TenantSettings(tenant, 0));
    }

    /** This configuration with {@code admin} replaced (dev mode sets a generated token). */
    public HookgateConfig withAdmin(final AdminSettings replacement) {
        return new HookgateConfig(kafka, ingress, sources, subscriptions, dispatch, replacement, processor, dev, tracing, logging, tenants);
    }

    /** This configuration with {@code processor} replaced (dev mode keeps state under its data directory). */
    public HookgateConfig withProcessor(final ProcessorSettings replacement) {
        return new HookgateConfig(kafka, ingress, sources, subscriptions, dispatch, admin, replacement, dev, tracing, logging, tenants);
    }
}

package io.hookgate.admin.internals.console;

import io.hookgate.admin.api.AdminFeature;
import io.hookgate.admin.api.AdminRoutes;
import io.hookgate.admin.api.Caller;
import io.hookgate.admin.api.QueryParameters;
import io.hookgate.admin.api.model.Counters;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Statistic;
import io.undertow.server.HttpServerExchange;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code GET /admin/counters}: the counters the console's overview draws, read from this process's
 * meters, as {@link Counters}: requests answered
 * by the ingress (by status), events verified (by source), requests rejected (by reason),
 * duplicates (by source), delivery attempts (by outcome), retries (by tier), dead-lettered
 * deliveries (by reason) and, for the operator, consumer lag in records (by part). Counters count
 * since this process started; they are this process's own (a process that runs no ingress counts
 * no requests). A tenant's token sees only the meters tagged with its tenant, and no lag (which
 * is every tenant's).
 */
public final class ConsoleCounters implements AdminFeature {

    /** Where the counters are answered. */
    public static final String PATH = "/admin/counters";

    /** One series: what it is called, which meter it sums, by which tag it splits, and who sees it. */
    private record Drawn(String name, String meter, String by, boolean tenanted) {
    }

    private static final List<Drawn> SERIES = List.of(
        new Drawn("requests", "hookgate.ingress.requests", "status", true),
        new Drawn("verified", "hookgate.events.verified", "source", true),
        new Drawn("rejected", "hookgate.verification.failures", "reason", true),
        new Drawn("duplicates", "hookgate.events.duplicates", "source", true),
        new Drawn("deliveries", "hookgate.deliveries", "outcome", true),
        new Drawn("retries", "hookgate.retries", "tier", true),
        new Drawn("deadLettered", "hookgate.dlq", "reason", true),
        new Drawn("lagRecords", "hookgate.consumer.lag.records", "part", false));
    private static final String TENANT = "tenant";

    private final MeterRegistry registry;
    private final Clock clock;

    public ConsoleCounters(final MeterRegistry registry, final Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void addTo(final AdminRoutes routes) {
        routes.get(PATH, this::counters);
    }

    private void counters(final HttpServerExchange exchange, final Caller caller) {
        QueryParameters.of(exchange, Set.of());
        final Map<String, Counters.Series> series = new LinkedHashMap<>();
        for (Drawn one : SERIES) {
            if (one.tenanted() || caller.isOperator()) {
                series.put(one.name(), sum(one, caller));
            }
        }
        AdminRoutes.json(exchange, 200, new Counters(clock.instant(), series));
    }

    private Counters.Series sum(final Drawn series, final Caller caller) {
        final Map<String, Double> by = new TreeMap<>();
        double total = 0;
        for (Meter meter : registry.find(series.meter()).meters()) {
            final String tenant = meter.getId().getTag(TENANT);
            if (!caller.isOperator() && !caller.tenant().get().equals(tenant)) {
                continue;
            }
            final double value = value(meter);
            final String key = meter.getId().getTag(series.by());
            by.merge(key == null ? "" : key, value, Double::sum);
            total += value;
        }
        return new Counters.Series(total, by);
    }

    /** A counter's count or a gauge's value; NaN (a gauge whose object is gone) counts as 0. */
    private static double value(final Meter meter) {
        for (Measurement measurement : meter.measure()) {
            if (measurement.getStatistic() == Statistic.COUNT || measurement.getStatistic() == Statistic.VALUE) {
                return Double.isNaN(measurement.getValue()) ? 0 : measurement.getValue();
            }
        }
        return 0;
    }
}

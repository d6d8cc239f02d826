package io.hookgate.admin.internals.console;

import io.hookgate.admin.api.AdminFeature;
import io.hookgate.admin.api.AdminRoutes;
import io.hookgate.admin.api.Caller;
import io.hookgate.admin.api.QueryParameters;
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
 * meters, as {@code {"at", "series": {name: {"total": n, "by": {tag value: n}}}}}: requests answered
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
    private record Series(String name, String meter, String by, boolean tenanted) {
    }

    private static final List<Series> SERIES = List.of(
        new Series("requests", "hookgate.ingress.requests", "status", true),
        new Series("verified", "hookgate.events.verified", "source", true),
        new Series("rejected", "hookgate.verification.failures", "reason", true),
        new Series("duplicates", "hookgate.events.duplicates", "source", true),
        new Series("deliveries", "hookgate.deliveries", "outcome", true),
        new Series("retries", "hookgate.retries", "tier", true),
        new Series("deadLettered", "hookgate.dlq", "reason", true),
        new Series("lagRecords", "hookgate.consumer.lag.records", "part", false));
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
        final Map<String, Object> series = new LinkedHashMap<>();
        for (Series one : SERIES) {
            if (one.tenanted() || caller.isOperator()) {
                series.put(one.name(), sum(one, caller));
            }
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("at", clock.instant());
        body.put("series", series);
        AdminRoutes.json(exchange, 200, body);
    }

    private Map<String, Object> sum(final Series series, final Caller caller) {
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
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", total);
        answer.put("by", by);
        return answer;
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

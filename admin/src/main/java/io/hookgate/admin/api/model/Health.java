package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.Map;

/**
 * The answer of {@code GET /admin/subscriptions/{id}/health}: the health of one subscription's
 * endpoint from the attempts the delivery log counted per minute, for each window ({@code 5m},
 * {@code 24h}, in that order); the breaker's state; and the last attempt that was not delivered.
 * Every key is present, null when it has no value.
 *
 * @param subscription the subscription
 * @param at           when the answer was computed
 * @param windows      each window by name
 * @param breaker      {@code open}, {@code closed} or {@code unknown}
 * @param lastError    the latest attempt that was not delivered, or null
 */
@JsonPropertyOrder({"subscription", "at", "windows", "breaker", "lastError"})
public record Health(String subscription, Instant at, Map<String, Window> windows, String breaker, LastError lastError) {

    /**
     * The attempts that started in the minutes a window overlaps (the current one included, so a
     * window spans up to a minute more than its name).
     *
     * @param attempts    how many
     * @param delivered   how many the endpoint took (2xx)
     * @param failed      the others
     * @param successRate {@code delivered / attempts}, or null without attempts
     * @param p50Ms       the median latency (the upper bound of its bucket: at most 10 % and 1 ms above), or null
     * @param p99Ms       the 99th percentile latency, the same way, or null
     */
    @JsonPropertyOrder({"attempts", "delivered", "failed", "successRate", "p50Ms", "p99Ms"})
    public record Window(long attempts, long delivered, long failed, Double successRate, Long p50Ms, Long p99Ms) {
    }
}

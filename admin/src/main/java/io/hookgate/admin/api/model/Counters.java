package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.Map;

/**
 * The answer of {@code GET /admin/counters}: the counters the console's overview draws, each series
 * by name ({@code requests}, {@code verified}, {@code rejected}, {@code duplicates},
 * {@code deliveries}, {@code retries}, {@code deadLettered}, and {@code lagRecords} for the operator).
 *
 * @param at     when they were read
 * @param series each series by name, in that order
 */
@JsonPropertyOrder({"at", "series"})
public record Counters(Instant at, Map<String, Series> series) {

    /**
     * One series: its sum, and the sum per value of the tag it splits by ({@code status},
     * {@code source}, {@code reason}, ...), the values in alphabetical order.
     */
    @JsonPropertyOrder({"total", "by"})
    public record Series(double total, Map<String, Double> by) {
    }
}

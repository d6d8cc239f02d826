package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as the admin API answers it ({@code GET /admin/subscriptions/{id}}, an entry of the
 * listing, the answer of a change), written by the server and read by the CLI. Every field is always
 * present, {@code null} when it has no value. Its secrets are never part of it: the answers that carry
 * a new one add {@link NewSecret#secret()} beside these fields.
 *
 * @param id                 the subscription's id
 * @param url                where its deliveries go
 * @param sources            the sources whose verified events it receives
 * @param eventTypes         the event-type patterns it receives; empty for every type
 * @param timeout            how long an attempt may take, as {@code "10s"}
 * @param rateLimitPerSecond attempts a second at most; 0 for no limit (always given by the server, as are the next two)
 * @param maxInFlight        attempts in flight at most
 * @param tenant             the tenant it belongs to; null for the operator's
 * @param allowInsecureUrl   whether plain http or a private address is allowed (the operator's decision)
 * @param breaker            when its circuit breaker opens and how often it probes
 * @param disableAfter       how long failing before it is disabled, as {@code "5d"}
 * @param retryDelays        its own retry tiers, as {@code "10s"}; null for the gateway's
 * @param description        what it is for; null when none was given
 * @param state              {@code enabled}, {@code paused} or {@code disabled}
 * @param origin             {@code config} (the configuration file) or {@code api} (made at run time)
 * @param createdAt          when it was made through the API; null for one of the configuration file
 * @param updatedAt          when it last changed; null for one never changed
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "url", "sources", "eventTypes", "timeout", "rateLimitPerSecond", "maxInFlight", "tenant", "allowInsecureUrl",
    "breaker", "disableAfter", "retryDelays", "description", "state", "origin", "createdAt", "updatedAt"})
public record Subscription(String id, String url, List<String> sources, List<String> eventTypes, String timeout, Integer rateLimitPerSecond,
                           Integer maxInFlight, String tenant, Boolean allowInsecureUrl, Breaker breaker, String disableAfter,
                           List<String> retryDelays, String description, String state, String origin, Instant createdAt,
                           Instant updatedAt) {

    /**
     * A subscription's circuit breaker.
     *
     * @param failures   failed attempts within {@code window} that open it
     * @param window     as {@code "1m"}
     * @param probeEvery how often an open breaker lets one attempt through, as {@code "30s"}
     */
    @JsonPropertyOrder({"failures", "window", "probeEvery"})
    public record Breaker(int failures, String window, String probeEvery) {
    }

    /** The answer of {@code GET /admin/subscriptions}: every subscription the caller may see. */
    public record Listing(List<Subscription> entries) {
    }
}

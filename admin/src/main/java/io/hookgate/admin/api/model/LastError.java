package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;

/**
 * The latest attempt of a subscription that was not delivered.
 *
 * @param at         when it started
 * @param status     the HTTP status the endpoint answered, or null
 * @param error      why no usable answer came, or null
 * @param deliveryId its delivery
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"at", "status", "error", "deliveryId"})
public record LastError(Instant at, Integer status, String error, String deliveryId) {
}

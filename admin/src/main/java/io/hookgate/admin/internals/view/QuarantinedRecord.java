package io.hookgate.admin.internals.view;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;

/**
 * A record the admin index could not read and skipped: where it is, why, and when it was met.
 * Listed at {@code GET /admin/quarantine} until the index is rebuilt.
 *
 * @param topic     the topic of the record
 * @param partition its partition
 * @param offset    its offset
 * @param reason    why it could not be read (field names, never its content)
 * @param at        when the index met it
 */
@JsonPropertyOrder({"topic", "partition", "offset", "reason", "at"})
public record QuarantinedRecord(String topic, int partition, long offset, String reason, Instant at) {
}

package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;

/**
 * The answer of a replay of one entry ({@code POST /admin/dlq/{id}/replay},
 * {@code POST /admin/rejected/{id}/replay}): it was sent again. An entry already replayed answers
 * {@code 409 already_replayed} instead, unless forced.
 *
 * @param id       the entry's id
 * @param replayed always true: a replay that was not sent answers an error
 * @param forced   whether it had been replayed before and {@code force} allowed it again
 */
@JsonPropertyOrder({"id", "replayed", "forced"})
public record Replay(String id, boolean replayed, boolean forced) {

    /**
     * The answer of a replay by filter ({@code POST /admin/dlq/replay}, {@code POST /admin/rejected/replay}):
     * {@code matched} is {@code replayed + skipped + gone}.
     *
     * @param matched  entries the filter matched, up to {@code until}
     * @param replayed entries sent again (in a dry run: that would be)
     * @param skipped  entries already replayed and not forced, or DLQ entries without an envelope to replay
     * @param gone     entries whose original is no longer in Kafka (retention): not replayed
     * @param forced   whether any replayed entry had been replayed before, which only {@code force} allows
     * @param dryRun   whether this only counted
     * @param until    the end of the range, fixed at the server's clock when the request arrived unless given:
     *                 entries dead-lettered again by this replay come later and are not matched
     */
    @JsonPropertyOrder({"matched", "replayed", "skipped", "gone", "forced", "dryRun", "until"})
    public record Count(long matched, long replayed, long skipped, long gone, boolean forced, boolean dryRun, Instant until) {
    }
}

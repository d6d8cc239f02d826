package io.hookgate.admin.replay;

/**
 * The counts of a replay by filter: entries matched, replayed, skipped (already replayed), and gone
 * (their original was no longer in Kafka: not replayed). {@code matched} is the sum of the others.
 */
public record BulkReplay(long matched, long replayed, long skipped, long gone) {
}

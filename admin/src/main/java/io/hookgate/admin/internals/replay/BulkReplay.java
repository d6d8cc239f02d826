package io.hookgate.admin.internals.replay;

/**
 * The counts of a replay by filter: entries matched, replayed, skipped (already replayed, or a DLQ
 * entry that holds no envelope to replay), and gone
 * (their original was no longer in Kafka: not replayed); {@code matched} is the sum of those three.
 * {@code forced} counts the replayed entries (in a dry run: that would be) that had been replayed
 * before, which only {@code force} allows.
 */
public record BulkReplay(long matched, long replayed, long skipped, long gone, long forced) {
}

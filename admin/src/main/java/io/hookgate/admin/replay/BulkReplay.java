package io.hookgate.admin.replay;

/** The counts of a replay by filter: entries matched, replayed, and skipped (already replayed). */
public record BulkReplay(long matched, long replayed, long skipped) {
}

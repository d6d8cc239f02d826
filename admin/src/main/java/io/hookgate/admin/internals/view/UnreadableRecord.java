package io.hookgate.admin.internals.view;

/**
 * A record the admin index cannot read, and why, in words that name fields but never quote the
 * record's content (it may hold anything). The index quarantines it and goes on.
 */
final class UnreadableRecord extends RuntimeException {

    UnreadableRecord(final String reason) {
        super(reason);
    }

    UnreadableRecord(final String reason, final Throwable cause) {
        super(reason, cause);
    }
}

package io.hookgate.admin.internals.errors;

/**
 * 410 {@code original_gone}: the entry is indexed, but the Kafka record it would replay no longer
 * exists (retention deleted it, or the topic was recreated): nothing can be replayed.
 */
public final class Gone extends AdminException {

    public Gone(final String message) {
        super("original_gone", message, null);
    }

    @Override
    public int status() {
        return 410;
    }
}

package io.hookgate.admin.internals.errors;

/**
 * 503 {@code kafka_unavailable} with {@code Retry-After}: Kafka did not answer in time or refused
 * for a reason that passes (no leader, broker down). Nothing was done that a retry would repeat
 * wrongly: a replay is recorded only after Kafka acknowledged it.
 */
public final class Unavailable extends AdminException {

    /** Seconds a caller should wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public Unavailable(final String message, final Throwable cause) {
        super("kafka_unavailable", message, cause);
    }

    @Override
    public int status() {
        return 503;
    }
}

package io.hookgate.admin.internals.errors;

import io.hookgate.admin.api.model.AdminError;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The one mapping from what an admin route threw to what it answers. An {@link AdminException}
 * answers its own status and code; a Kafka {@link RetriableException} that escaped unwrapped is
 * {@link Unavailable}; anything else is {@code 500 internal_error}, whose message says only the
 * request id (the cause may name internals, so it goes to the log, never to the caller).
 */
public final class ErrorAnswers {

    private ErrorAnswers() {
    }

    /**
     * An error answer.
     *
     * @param status            the HTTP status
     * @param body              the JSON body
     * @param retryAfterSeconds the {@code Retry-After} to send, or 0 for none
     * @param internal          whether this is an unexpected failure, to be logged with its stack trace
     */
    public record Answer(int status, AdminError body, int retryAfterSeconds, boolean internal) {

        public String error() {
            return body.error();
        }
    }

    public static Answer of(final Throwable thrown, final String requestId) {
        if (thrown instanceof AdminException known) {
            return new Answer(known.status(), known.body(),
                known instanceof Unavailable ? Unavailable.RETRY_AFTER_SECONDS : 0, false);
        }
        if (thrown instanceof RetriableException) {
            return of(new Unavailable("Kafka did not answer: " + thrown.getMessage(), thrown), requestId);
        }
        return new Answer(500, new AdminError("internal_error", "the admin API failed unexpectedly; the log has request " + requestId,
            null, null, requestId), 0, true);
    }
}

package io.hookgate.admin.internals.errors;

import org.apache.kafka.common.errors.RetriableException;

import java.util.LinkedHashMap;
import java.util.Map;

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
     * @param body              the JSON body, shaped as core's {@code ErrorBody} ({@code error}, {@code message}),
     *                          then any details ({@code field}, {@code requestId})
     * @param retryAfterSeconds the {@code Retry-After} to send, or 0 for none
     * @param internal          whether this is an unexpected failure, to be logged with its stack trace
     */
    public record Answer(int status, Map<String, Object> body, int retryAfterSeconds, boolean internal) {

        public String error() {
            return (String) body.get("error");
        }
    }

    public static Answer of(final Throwable thrown, final String requestId) {
        if (thrown instanceof AdminException known) {
            return new Answer(known.status(), body(known.code(), known.getMessage(), known.details()),
                known instanceof Unavailable ? Unavailable.RETRY_AFTER_SECONDS : 0, false);
        }
        if (thrown instanceof RetriableException) {
            return of(new Unavailable("Kafka did not answer: " + thrown.getMessage(), thrown), requestId);
        }
        return new Answer(500, body("internal_error", "the admin API failed unexpectedly; the log has request " + requestId,
            Map.of("requestId", requestId)), 0, true);
    }

    private static Map<String, Object> body(final String error, final String message, final Map<String, Object> details) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        body.putAll(details);
        return body;
    }
}

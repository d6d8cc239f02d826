package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The body of every error the admin API answers, written by the server and read by the CLI: the
 * fields of core's {@code ErrorBody}, then those that help a caller fix the request. A field
 * without a value is absent from the JSON, never {@code null}.
 *
 * @param error     the stable machine-readable code ({@code invalid_parameter}, {@code already_replayed}, ...)
 * @param message   what went wrong, for people
 * @param field     the parameter or body field at fault, or null when the request as a whole is
 * @param problems  every problem of a request checked as a whole (a subscription), each path relative to
 *                  the body; null (absent) otherwise, never empty
 * @param requestId the request's id, on an internal error only: the log has the cause under it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"error", "message", "field", "problems", "requestId"})
public record AdminError(String error, String message, String field, List<Problem> problems, String requestId) {

    public AdminError {
        problems = problems == null || problems.isEmpty() ? null : List.copyOf(problems);
    }

    /** An error with a code and a message only. */
    public static AdminError of(final String error, final String message) {
        return new AdminError(error, message, null, null, null);
    }

    /** Every problem, never null. */
    public List<Problem> problemsOrNone() {
        return problems == null ? List.of() : problems;
    }

    /**
     * One problem of a request checked as a whole.
     *
     * @param path    where in the body, relative to it ({@code url}, {@code sources[0]}); {@code -} for the body
     * @param message what is wrong there
     */
    @JsonPropertyOrder({"path", "message"})
    public record Problem(String path, String message) {
    }
}

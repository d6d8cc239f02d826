package io.hookgate.admin.internals.errors;

import io.hookgate.admin.api.model.AdminError;
import io.hookgate.core.config.ConfigProblem;

import java.util.List;

/**
 * 400: the request names something wrongly (an unknown key or parameter, a value of the wrong type
 * or out of range, a broken cursor). Names the offending {@code field} so that a caller can fix it
 * without guessing, or, for a request checked as a whole (a subscription), lists every
 * {@code problems} entry as {@code {path, message}} with the path relative to the body
 * ({@code url}, {@code sources[0]}). Admin input fails closed: nothing is done for a request
 * answered this.
 */
public final class BadRequest extends AdminException {

    /** A query parameter that cannot be read. */
    public static final String INVALID_PARAMETER = "invalid_parameter";
    /** A request body that cannot be read. */
    public static final String INVALID_BODY = "invalid_body";
    /** A replay by filter without any filter and without {@code "all": true}. */
    public static final String FILTER_REQUIRED = "filter_required";

    private final String field;
    private final List<ConfigProblem> problems;

    public BadRequest(final String code, final String field, final String message) {
        this(code, field, message, List.of());
    }

    private BadRequest(final String code, final String field, final String message, final List<ConfigProblem> problems) {
        super(code, message, null);
        this.field = field;
        this.problems = List.copyOf(problems);
    }

    public static BadRequest parameter(final String field, final String message) {
        return new BadRequest(INVALID_PARAMETER, field, field + ": " + message);
    }

    public static BadRequest body(final String field, final String message) {
        return new BadRequest(INVALID_BODY, field, field == null ? message : field + ": " + message);
    }

    /**
     * A request checked as a whole, answered with every problem found.
     *
     * @param problems at least one; each path is relative to the request body
     */
    public static BadRequest problems(final String code, final String what, final List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a request refused for its problems has at least one");
        }
        final String first = problems.get(0).toString();
        final String message = what + " has " + (problems.size() == 1 ? "a problem: " + first
            : problems.size() + " problems, the first: " + first);
        return new BadRequest(code, null, message, problems);
    }

    /** The parameter or body field at fault, or null when the request as a whole is. */
    public String field() {
        return field;
    }

    /** Every problem of a request checked as a whole; empty otherwise. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public AdminError body() {
        return new AdminError(code(), getMessage(), field,
            problems.stream().map(problem -> new AdminError.Problem(problem.path(), problem.message())).toList(), null);
    }
}

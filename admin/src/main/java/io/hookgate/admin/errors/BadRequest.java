package io.hookgate.admin.errors;

import java.util.Map;

/**
 * 400: the request names something wrongly (an unknown key or parameter, a value of the wrong type
 * or out of range, a broken cursor). Names the offending {@code field} so that a caller can fix it
 * without guessing. Admin input fails closed: nothing is done for a request answered this.
 */
public final class BadRequest extends AdminException {

    /** A query parameter that cannot be read. */
    public static final String INVALID_PARAMETER = "invalid_parameter";
    /** A request body that cannot be read. */
    public static final String INVALID_BODY = "invalid_body";
    /** A replay by filter without any filter and without {@code "all": true}. */
    public static final String FILTER_REQUIRED = "filter_required";

    private final String field;

    public BadRequest(final String code, final String field, final String message) {
        super(code, message, null);
        this.field = field;
    }

    public static BadRequest parameter(final String field, final String message) {
        return new BadRequest(INVALID_PARAMETER, field, field + ": " + message);
    }

    public static BadRequest body(final String field, final String message) {
        return new BadRequest(INVALID_BODY, field, field == null ? message : field + ": " + message);
    }

    /** The parameter or body field at fault, or null when the request as a whole is. */
    public String field() {
        return field;
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public Map<String, Object> details() {
        return field == null ? Map.of() : Map.of("field", field);
    }
}

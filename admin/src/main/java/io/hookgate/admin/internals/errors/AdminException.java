package io.hookgate.admin.internals.errors;

import io.hookgate.admin.api.model.AdminError;

/**
 * An admin request that cannot be served, and what it answers: an HTTP status and a stable
 * {@code error} code. Thrown anywhere under an admin route and turned into its answer by
 * {@link ErrorAnswers} alone, so that one failure reads the same on every route. Anything else
 * thrown is an internal error.
 */
public abstract sealed class AdminException extends RuntimeException permits BadRequest, Unauthorized, NotFound, Conflict, Gone, Unavailable {

    private final String code;

    AdminException(final String code, final String message, final Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The HTTP status this failure answers. */
    public abstract int status();

    /** The stable machine-readable code of the answer's {@code error} field. */
    public final String code() {
        return code;
    }

    /** The body this failure answers: its code and message, and whatever a subclass adds. */
    public AdminError body() {
        return AdminError.of(code, getMessage());
    }
}

package io.hookgate.admin.internals.errors;

/** 404 {@code not_found} (or a more precise stable code): nothing has the id asked for. */
public final class NotFound extends AdminException {

    public NotFound(final String message) {
        super("not_found", message, null);
    }

    /** @param code the stable code, for a kind of thing that has its own ({@code event_not_found}) */
    public NotFound(final String code, final String message) {
        super(code, message, null);
    }

    @Override
    public int status() {
        return 404;
    }
}

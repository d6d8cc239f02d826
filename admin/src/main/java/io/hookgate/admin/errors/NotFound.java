package io.hookgate.admin.errors;

/** 404 {@code not_found}: no entry has the id asked for. */
public final class NotFound extends AdminException {

    public NotFound(final String message) {
        super("not_found", message, null);
    }

    @Override
    public int status() {
        return 404;
    }
}

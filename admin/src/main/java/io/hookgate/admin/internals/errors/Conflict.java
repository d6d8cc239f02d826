package io.hookgate.admin.internals.errors;

/** 409: the request contradicts the entry's state, e.g. {@code already_replayed} without {@code ?force=true}. */
public final class Conflict extends AdminException {

    public Conflict(final String code, final String message) {
        super(code, message, null);
    }

    @Override
    public int status() {
        return 409;
    }
}

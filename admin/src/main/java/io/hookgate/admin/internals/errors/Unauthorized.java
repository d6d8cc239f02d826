package io.hookgate.admin.internals.errors;

/** 401 {@code unauthorized}: no bearer token, or not the configured one. */
public final class Unauthorized extends AdminException {

    public Unauthorized() {
        super("unauthorized", "a valid bearer token is required", null);
    }

    @Override
    public int status() {
        return 401;
    }
}

package io.hookgate.admin.api;

import io.hookgate.admin.errors.BadRequest;

/**
 * Named values a request carries (its query, or its JSON body), read strictly: a value of the
 * wrong type is a {@link BadRequest} naming it, never a default.
 */
public interface Input {

    /** The text of {@code name}, or null when absent. */
    String text(String name);

    /** {@code name} as a flag: false when absent. */
    boolean flag(String name);

    /** The failure to answer for {@code name}, as this input's kind of bad request. */
    BadRequest invalid(String name, String message);
}

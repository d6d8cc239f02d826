package io.hookgate.admin.api;

import io.hookgate.admin.internals.errors.BadRequest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

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

    /** {@code name} as an ISO-8601 instant, or null when absent. */
    default Instant instant(final String name) {
        final String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(name, "not an ISO-8601 instant such as 2026-11-23T10:00:00Z");
        }
    }
}

package io.hookgate.core.catalog;

import java.util.Objects;

/**
 * Where and how a payload breaks its event type's schema: the first error the validator found,
 * at {@code pointer} (a JSON pointer into the payload, {@code ""} for the payload itself).
 *
 * @param pointer the JSON pointer (RFC 6901) of the offending value
 * @param message what is wrong there, in the validator's words
 * @param others  how many more errors the payload has
 */
public record SchemaViolation(String pointer, String message, int others) {

    public SchemaViolation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    /** One line for an operator: {@code at "/amount": must have a minimum value of 0 (and 2 more)}. */
    public String describe() {
        return "at \"" + pointer + "\": " + message + (others == 0 ? "" : " (and " + others + " more)");
    }
}

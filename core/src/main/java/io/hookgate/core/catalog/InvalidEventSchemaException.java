package io.hookgate.core.catalog;

/** A schema file that cannot serve: absent, unreadable, not JSON, or not a valid JSON Schema. The message says which. */
public final class InvalidEventSchemaException extends Exception {

    public InvalidEventSchemaException(final String message) {
        super(message);
    }
}

package io.hookgate.core.json;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;

/**
 * Optional fields for hookgate's streaming JSON writers, written as {@link Json}'s data binding
 * writes them: a null is left out, an instant is ISO-8601 ({@link Instant#toString()}).
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static void text(final JsonGenerator json, final String name, final String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    public static void instant(final JsonGenerator json, final String name, final Instant value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value.toString());
        }
    }

    public static void number(final JsonGenerator json, final String name, final Integer value) throws IOException {
        if (value != null) {
            json.writeNumberField(name, value);
        }
    }
}

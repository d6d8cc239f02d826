package io.hookgate.core.kafka;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Kafka headers holding UTF-8 text, as every {@code hookgate.*} header does: one place that
 * writes them, reads the last value of a key, and says which required one is missing or unreadable.
 */
public final class HeaderText {

    private HeaderText() {
    }

    /** Replaces header {@code key} with {@code value}; a null value removes it. */
    public static void put(final Headers headers, final String key, final String value) {
        headers.remove(key);
        if (value != null) {
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Replaces header {@code key} with an instant as epoch milliseconds; null removes it. */
    public static void putInstant(final Headers headers, final String key, final Instant value) {
        put(headers, key, value == null ? null : Long.toString(value.toEpochMilli()));
    }

    /** The last value of {@code key} as UTF-8, or null. */
    public static String last(final Headers headers, final String key) {
        final Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The last value of {@code key}.
     *
     * @throws MalformedHeaderException when it is absent or empty
     */
    public static String required(final Headers headers, final String key) {
        final String value = last(headers, key);
        if (value == null || value.isEmpty()) {
            throw new MalformedHeaderException("header " + key + " is missing");
        }
        return value;
    }

    /** The instant in header {@code key} (epoch milliseconds), or null when absent. @throws MalformedHeaderException when unreadable */
    public static Instant instant(final Headers headers, final String key) {
        final String value = last(headers, key);
        if (value == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(value));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new MalformedHeaderException("header " + key + " is not a time in epoch milliseconds");
        }
    }

    /** The instant in a required header. @throws MalformedHeaderException when absent or unreadable */
    public static Instant requiredInstant(final Headers headers, final String key) {
        required(headers, key);
        return instant(headers, key);
    }

    /** A record whose {@code hookgate.*} headers do not hold what its type needs. */
    public static class MalformedHeaderException extends RuntimeException {
        public MalformedHeaderException(final String message) {
            super(message);
        }
    }
}

package io.hookgate.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON mapping of hookgate's records: ISO-8601 instants, unknown fields ignored on read
 * (records are only ever extended compatibly), {@link RawJson} values kept byte for byte. The
 * mapper is configured once and never changed, which makes it safe to share.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .build();

    /** The attribute under which {@link #read} hands the record's bytes to {@link RawJson}'s reader. */
    static final String SOURCE_BYTES = "hookgate.source-bytes";

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(final Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String writeString(final Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads {@code bytes} as a {@code type}.
     *
     * @throws UncheckedIOException when the bytes are not such a record
     */
    public static <T> T read(final byte[] bytes, final Class<T> type) {
        try {
            return MAPPER.readerFor(type).withAttribute(SOURCE_BYTES, bytes).readValue(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("not a valid " + type.getSimpleName() + ": " + originalMessage(e), e);
        }
    }

    private static String originalMessage(final IOException e) {
        // Jackson's full message quotes the input; the original message does not.
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
            ? processing.getOriginalMessage() : e.getMessage();
    }
}

package io.hookgate.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One JSON value kept as the exact UTF-8 bytes it arrived as: numbers, spacing and escapes are
 * never rewritten. Written into a record verbatim and read back from a record byte for byte
 * (through {@link Json#read}, which gives the deserializer the record's bytes). Whoever makes one
 * vouches that the bytes are one valid JSON value ({@link #trusted}); the bytes are never
 * copied, so neither the maker nor a reader may change them.
 */
@JsonSerialize(using = RawJson.Writer.class)
@JsonDeserialize(using = RawJson.Reader.class)
public final class RawJson {

    private final byte[] bytes;

    private RawJson(final byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    /** Wraps {@code bytes}, which the caller has checked to be exactly one JSON value in UTF-8. */
    public static RawJson trusted(final byte[] bytes) {
        return new RawJson(bytes);
    }

    /** The value's bytes, unchanged (not a copy: do not modify). */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof RawJson that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RawJson[" + bytes.length + " bytes]";
    }

    /** Writes the bytes as they are; the UTF-8 generator copies them without decoding. */
    static final class Writer extends JsonSerializer<RawJson> {
        @Override
        public void serialize(final RawJson value, final JsonGenerator generator, final SerializerProvider provider) throws IOException {
            generator.writeRawValue(new Utf8Bytes(value.bytes));
        }
    }

    /**
     * Cuts the value's bytes out of the record being read. Outside {@link Json#read} the record's
     * bytes are unknown; the value is then copied token by token (same content, not the same bytes).
     */
    static final class Reader extends JsonDeserializer<RawJson> {
        @Override
        public RawJson deserialize(final JsonParser parser, final DeserializationContext context) throws IOException {
            final Object source = context.getAttribute(Json.SOURCE_BYTES);
            if (source instanceof byte[] record) {
                final long start = parser.currentTokenLocation().getByteOffset();
                if (parser.currentToken() == JsonToken.VALUE_STRING) {
                    // The UTF-8 parser reads a string's content lazily: finish it to know where it ends.
                    parser.getTextLength();
                }
                parser.skipChildren();
                final long end = parser.currentLocation().getByteOffset();
                if (start >= 0 && end > start && end <= record.length) {
                    return new RawJson(Arrays.copyOfRange(record, (int) start, (int) end));
                }
            }
            final java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
            try (JsonGenerator generator = parser.getCodec().getFactory().createGenerator(copy)) {
                generator.copyCurrentStructureExact(parser);
            }
            return new RawJson(copy.toByteArray());
        }

        @Override
        public RawJson getNullValue(final DeserializationContext context) {
            return null;
        }
    }

    /**
     * Raw bytes handed to a generator: the UTF-8 generator copies them as they are; a character
     * generator (writing a String) gets their text. Only the unquoted forms are meaningful for a raw value.
     */
    private static final class Utf8Bytes implements SerializableString {
        private final byte[] utf8;
        private SerializedString text;

        Utf8Bytes(final byte[] utf8) {
            this.utf8 = utf8;
        }

        private SerializedString text() {
            if (text == null) {
                text = new SerializedString(new String(utf8, StandardCharsets.UTF_8));
            }
            return text;
        }

        @Override
        public String getValue() {
            return text().getValue();
        }

        @Override
        public int charLength() {
            return text().charLength();
        }

        @Override
        public char[] asQuotedChars() {
            return text().asQuotedChars();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8;
        }

        @Override
        public byte[] asQuotedUTF8() {
            return text().asQuotedUTF8();
        }

        @Override
        public int appendQuotedUTF8(final byte[] buffer, final int offset) {
            return text().appendQuotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(final char[] buffer, final int offset) {
            return text().appendQuoted(buffer, offset);
        }

        @Override
        public int appendUnquotedUTF8(final byte[] buffer, final int offset) {
            if (offset + utf8.length > buffer.length) {
                return -1;
            }
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(final char[] buffer, final int offset) {
            return text().appendUnquoted(buffer, offset);
        }

        @Override
        public int writeQuotedUTF8(final OutputStream out) throws IOException {
            return text().writeQuotedUTF8(out);
        }

        @Override
        public int writeUnquotedUTF8(final OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putQuotedUTF8(final ByteBuffer buffer) throws IOException {
            return text().putQuotedUTF8(buffer);
        }

        @Override
        public int putUnquotedUTF8(final ByteBuffer buffer) {
            if (utf8.length > buffer.remaining()) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }
    }
}

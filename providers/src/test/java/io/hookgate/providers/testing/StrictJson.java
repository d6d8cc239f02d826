package io.hookgate.providers.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * An oracle of what may be embedded in an envelope as a payload, independent of
 * {@link io.hookgate.providers.payload.Payloads}: exactly one JSON value, in strict UTF-8 (no
 * byte order mark, no other encoding), no duplicate keys, every number exact as a {@code BigDecimal},
 * nesting no deeper than asked. Read with
 * Jackson's streaming parser from characters, so Jackson's guess of the bytes' encoding plays no part.
 */
public final class StrictJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100_000).build())
        .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    private StrictJson() {
    }

    /** What is wrong with {@code bytes} as a payload at most {@code maxDepth} levels deep, or empty when nothing is. */
    public static Optional<String> problem(final byte[] bytes, final int maxDepth) {
        final String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.of("not UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            return Optional.of("starts with a byte order mark");
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return Optional.of("no value");
            }
            int depth = 0;
            int deepest = 0;
            do {
                final JsonToken token = parser.currentToken();
                if (token.isStructStart()) {
                    deepest = Math.max(deepest, ++depth);
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                    parser.getDecimalValue();
                }
            } while (depth > 0 && parser.nextToken() != null);
            if (parser.nextToken() != null) {
                return Optional.of("more than one value");
            }
            return deepest > maxDepth ? Optional.of(deepest + " levels deep") : Optional.empty();
        } catch (IOException e) {
            return Optional.of("not JSON: " + e.getMessage());
        } catch (NumberFormatException e) {
            return Optional.of("a number no BigDecimal holds: " + e.getMessage());
        }
    }

    /** Whether every object in {@code bytes} (one JSON value) has its keys in ascending order. */
    public static boolean keysSorted(final byte[] bytes) {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            final Deque<String> lastKeys = new ArrayDeque<>();
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    lastKeys.push("");
                } else if (token == JsonToken.END_OBJECT) {
                    lastKeys.pop();
                } else if (token == JsonToken.FIELD_NAME) {
                    final String key = parser.currentName();
                    if (key.compareTo(lastKeys.peek()) < 0) {
                        return false;
                    }
                    lastKeys.pop();
                    lastKeys.push(key);
                }
            }
            return true;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }
}

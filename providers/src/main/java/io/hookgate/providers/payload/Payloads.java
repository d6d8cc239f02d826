package io.hookgate.providers.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.Json;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.EventIdentity;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads request bodies into the envelope's {@code payload}: JSON as is, form bodies as an object of
 * their fields (a repeated field becomes an array). Parsing happens only after the signature was
 * checked on the raw bytes.
 */
public final class Payloads {

    /**
     * How deep a payload may nest. Well below the 1000 levels that Jackson's readers and writers
     * accept, so that every record embedding a payload (envelope, task, DLQ entry: three more
     * levels at most) stays readable by any consumer with default limits.
     */
    public static final int MAX_DEPTH = 256;

    private static final ObjectReader STRICT_JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build())
        .build()
        .reader()
        .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Payloads() {
    }

    /**
     * The body of {@code request} as a payload, by its media type: forms become objects, anything
     * else must be JSON.
     *
     * @throws MalformedPayloadException when the body cannot be read
     */
    public static Payload read(final RawRequest request) {
        if ("application/x-www-form-urlencoded".equals(request.mediaType())) {
            return form(request.body());
        }
        return json(request.body());
    }

    /**
     * The body of a request from a sender hookgate knows nothing about (generic {@code hmac},
     * {@code token}, {@code basic-auth}): JSON and forms as {@link #read}; any other body as an object
     * holding its media type and its text (or base64 when it is not UTF-8).
     */
    public static Payload readAny(final RawRequest request) {
        final String mediaType = request.mediaType();
        if ("application/x-www-form-urlencoded".equals(mediaType)) {
            return form(request.body());
        }
        if (mediaType.isEmpty() || mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            return json(request.body());
        }
        final ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        wrapped.put("contentType", mediaType);
        try {
            wrapped.put("text", strictUtf8(request.body()));
        } catch (MalformedPayloadException e) {
            wrapped.put("base64", java.util.Base64.getEncoder().encodeToString(request.body()));
        }
        return written(wrapped);
    }

    /**
     * The body as JSON (UTF-8, one value, no trailing data, no duplicate keys, at most
     * {@value #MAX_DEPTH} levels deep): its bytes kept as they are, and its tree.
     *
     * @throws PayloadTooDeepException when it nests deeper than {@value #MAX_DEPTH}
     * @throws MalformedPayloadException when it is not such JSON
     */
    public static Payload json(final byte[] body) {
        return new Payload(RawJson.trusted(body), tree(body));
    }

    /** The body as a JSON tree, checked as {@link #json} checks it. */
    public static JsonNode tree(final byte[] body) {
        if (body.length == 0) {
            throw new MalformedPayloadException("the body is empty");
        }
        // Read from bytes, Jackson would guess UTF-16 or UTF-32 from the first bytes, skip a byte
        // order mark and let some malformed UTF-8 through: the envelope embeds these bytes as UTF-8.
        final String text = strictUtf8(body);
        if (text.startsWith("\uFEFF")) {
            throw new MalformedPayloadException("the body starts with a byte order mark");
        }
        try {
            final JsonNode node = STRICT_JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new MalformedPayloadException("the body is empty");
            }
            return node;
        } catch (StreamConstraintsException e) {
            if (e.getMessage() != null && e.getMessage().contains("nesting depth")) {
                throw new PayloadTooDeepException("the body nests deeper than " + MAX_DEPTH + " levels");
            }
            throw new MalformedPayloadException("the body is beyond what hookgate reads: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedPayloadException("the body is not JSON: "
                + (e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getOriginalMessage() : e.getMessage()));
        } catch (NumberFormatException e) {
            // Jackson throws it unwrapped for a decimal whose exponent no BigDecimal holds (1E-2147483648).
            throw new MalformedPayloadException("the body holds a number beyond what hookgate reads: " + e.getMessage());
        }
    }

    /**
     * The string value of field {@code name} at the top of a JSON object body, read without building
     * a tree (for a hint before verification); null when the body is not such an object, the field is
     * absent or not a string.
     */
    public static String topLevelText(final byte[] body, final String name) {
        try (JsonParser parser = STRICT_JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                final String field = parser.currentName();
                final JsonToken value = parser.nextToken();
                if (name.equals(field)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A payload hookgate builds itself (a form's fields, a wrapped text body), written once. */
    public static Payload written(final JsonNode tree) {
        return new Payload(RawJson.trusted(Json.write(tree)), tree);
    }

    /** The body as {@code application/x-www-form-urlencoded} fields, in order, as a JSON object. */
    public static Payload form(final byte[] body) {
        return written(formFields(body));
    }

    /** The fields of a form body as a JSON object (a repeated field becomes an array). */
    public static ObjectNode formFields(final byte[] body) {
        final ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<String>> field : FormFields.parse(strictUtf8(body)).entrySet()) {
            if (field.getValue().size() == 1) {
                fields.put(field.getKey(), field.getValue().get(0));
            } else {
                final ArrayNode values = fields.putArray(field.getKey());
                field.getValue().forEach(values::add);
            }
        }
        return fields;
    }

    /** The provider's {@code eventId} (from the signed content) when it sent one, else the payload's hash. */
    public static EventIdentity identity(final String eventId, final JsonNode payload, final String type) {
        return eventId == null || eventId.isBlank() ? hashIdentity(payload, type) : EventIdentity.fromProvider(eventId, type);
    }

    /**
     * The provider's {@code eventId} read from an unsigned header when it sent one (anyone holding
     * a signed body can send it again under another id: deduplication then goes by the signed
     * content), else the payload's hash.
     */
    public static EventIdentity headerIdentity(final String eventId, final JsonNode payload, final String type) {
        return eventId == null || eventId.isBlank() ? hashIdentity(payload, type) : EventIdentity.fromUnsignedHeader(eventId, type);
    }

    /** The identity of an event whose provider sends no id: a SHA-256 of the canonical payload. */
    public static EventIdentity hashIdentity(final JsonNode payload, final String type) {
        return new EventIdentity(StableIds.sha256Hex(canonical(payload)), EventIdOrigin.PAYLOAD_HASH, type, true);
    }

    /** {@code payload} as JSON with object keys sorted at every depth: equal content, equal bytes. */
    public static byte[] canonical(final JsonNode payload) {
        return Json.write(sorted(payload));
    }

    /** The text of field {@code name} of a JSON object, or null when absent or not a scalar. */
    public static String text(final JsonNode node, final String name) {
        final JsonNode value = node == null ? null : node.get(name);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    /** {@code bytes} as UTF-8, refusing malformed sequences. */
    public static String strictUtf8(final byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPayloadException("the body is not valid UTF-8");
        }
    }

    private static JsonNode sorted(final JsonNode node) {
        if (node.isObject()) {
            final Map<String, JsonNode> byName = new TreeMap<>();
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                byName.put(field.getKey(), sorted(field.getValue()));
            }
            final ObjectNode copy = JsonNodeFactory.instance.objectNode();
            byName.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            final ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    /** The body does not hold what the provider sends. */
    public static class MalformedPayloadException extends RuntimeException {
        public MalformedPayloadException(final String message) {
            super(message);
        }
    }

    /** The body nests deeper than {@value #MAX_DEPTH} levels. */
    public static final class PayloadTooDeepException extends MalformedPayloadException {
        public PayloadTooDeepException(final String message) {
            super(message);
        }
    }
}

package io.hookgate.providers.payload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.Json;
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

    private static final ObjectReader STRICT_JSON = Json.mapper().reader()
        .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Payloads() {
    }

    /**
     * The body of {@code request} as a payload, by its media type: forms become objects, anything
     * else must be JSON.
     *
     * @throws MalformedPayloadException when the body cannot be read
     */
    public static JsonNode read(final RawRequest request) {
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
    public static JsonNode readAny(final RawRequest request) {
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
        return wrapped;
    }

    /** The body as JSON (UTF-8, one value, no trailing data). */
    public static JsonNode json(final byte[] body) {
        if (body.length == 0) {
            throw new MalformedPayloadException("the body is empty");
        }
        try {
            final JsonNode node = STRICT_JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new MalformedPayloadException("the body is empty");
            }
            return node;
        } catch (IOException e) {
            throw new MalformedPayloadException("the body is not JSON: "
                + (e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getOriginalMessage() : e.getMessage()));
        }
    }

    /** The body as {@code application/x-www-form-urlencoded} fields, in order. */
    public static ObjectNode form(final byte[] body) {
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

    /** The provider's {@code eventId} when it sent one, else the payload's hash. */
    public static EventIdentity identity(final String eventId, final JsonNode payload, final String type) {
        return eventId == null || eventId.isBlank() ? hashIdentity(payload, type) : EventIdentity.fromProvider(eventId, type);
    }

    /** The identity of an event whose provider sends no id: a SHA-256 of the canonical payload. */
    public static EventIdentity hashIdentity(final JsonNode payload, final String type) {
        return new EventIdentity(StableIds.sha256Hex(canonical(payload)), EventIdOrigin.PAYLOAD_HASH, type);
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
    public static final class MalformedPayloadException extends RuntimeException {
        public MalformedPayloadException(final String message) {
            super(message);
        }
    }
}

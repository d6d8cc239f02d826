package io.hookgate.admin.internals.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hookgate.admin.api.model.PayloadView;
import io.hookgate.core.json.Json;
import io.hookgate.core.request.CredentialNames;
import io.hookgate.core.text.Utf8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * The payload of an entry's show ({@link PayloadView}) from its bytes: JSON as a tree, UTF-8 text,
 * or base64, text and base64 cut after {@value #MAX_BYTES} bytes; a rejected request's body with the
 * value of every JSON key and form field whose name looks like a credential redacted.
 */
public final class Payloads {

    /** The most bytes shown as text or base64. */
    public static final int MAX_BYTES = 64 * 1024;

    private Payloads() {
    }

    /** {@code payload} as it is, for an envelope. */
    public static PayloadView of(final byte[] payload) {
        return of(payload, false);
    }

    /** {@code body} of a request whose credentials stay hidden. */
    public static PayloadView redacted(final byte[] body) {
        return of(body, true);
    }

    private static PayloadView of(final byte[] payload, final boolean redact) {
        if (payload.length <= MAX_BYTES) {
            final JsonNode json = json(payload);
            if (json != null) {
                return new PayloadView(payload.length, redact ? redacted(json) : json, null, null, null, null);
            }
        }
        final boolean truncated = payload.length > MAX_BYTES;
        final byte[] shown = truncated ? Arrays.copyOf(payload, MAX_BYTES) : payload;
        final String text = utf8(shown, truncated);
        if (text != null) {
            return new PayloadView(payload.length, null, redact ? Redaction.byName().query(text) : text, null, truncated ? true : null, null);
        }
        return new PayloadView(payload.length, null, null, Base64.getEncoder().encodeToString(shown), truncated ? true : null, null);
    }

    private static JsonNode json(final byte[] payload) {
        try {
            final JsonNode node = Json.mapper().readTree(payload);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            // Not JSON: shown as text or base64.
            return null;
        }
    }

    private static String utf8(final byte[] bytes, final boolean truncated) {
        final int end = truncated ? Utf8.wholeCharactersEnd(bytes, bytes.length) : bytes.length;
        try {
            final String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end)).toString();
            return text.chars().allMatch(c -> c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? text : null;
        } catch (CharacterCodingException e) {
            // Not UTF-8: shown as base64.
            return null;
        }
    }

    private static JsonNode redacted(final JsonNode node) {
        if (node instanceof ObjectNode object) {
            final ObjectNode copy = Json.mapper().createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                final Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), CredentialNames.looksLikeCredential(field.getKey()) && !field.getValue().isContainerNode()
                    ? TextNode.valueOf(CredentialNames.REDACTED) : redacted(field.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            final ArrayNode copy = Json.mapper().createArrayNode();
            array.forEach(element -> copy.add(redacted(element)));
            return copy;
        }
        return node;
    }
}

package io.hookgate.providers.payload;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.core.json.Json;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.testing.StrictJson;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets of reading bodies into payloads and identities: any bytes are a payload fit for an
 * envelope or a {@link Payloads.MalformedPayloadException}, never another exception, and an event
 * without an id gets the same hash however its sender ordered or spaced it. Input: the first line is
 * the request's {@code Content-Type}, the rest its body. Seeds: {@code PayloadsFuzzTestInputs/}.
 */
class PayloadsFuzzTest {

    /** Every reader, on any body: what it returns is valid JSON that reads back as its tree, or it says why not. */
    @FuzzTest
    void readersReturnPayloadsOrSayWhyNot(final byte[] data) {
        final int newline = indexOf(data, (byte) '\n');
        final String contentType = newline < 0 ? "" : new String(data, 0, newline, StandardCharsets.ISO_8859_1);
        final byte[] body = newline < 0 ? data : Arrays.copyOfRange(data, newline + 1, data.length);

        final Payload json = attempt(() -> Payloads.json(body));
        assertThat(json != null).as("json() accepts exactly strict JSON: %s", StrictJson.problem(body, Payloads.MAX_DEPTH))
            .isEqualTo(StrictJson.problem(body, Payloads.MAX_DEPTH).isEmpty());
        final JsonNode tree = attempt(() -> Payloads.tree(body));
        assertThat(tree).isEqualTo(json == null ? null : json.tree());
        if (json != null) {
            assertThat(json.json().bytes()).isEqualTo(body);
        }

        final String text = attempt(() -> Payloads.strictUtf8(body));
        final boolean utf8 = Arrays.equals(new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), body);
        assertThat(text != null).as("strictUtf8 accepts exactly UTF-8").isEqualTo(utf8);

        final Payload form = attempt(() -> Payloads.form(body));
        if (form != null) {
            checkEmbeddable(form);
            assertThat(form.tree()).isEqualTo(Payloads.formFields(body));
        }
        final RawRequest request = new RawRequest("ing-fuzz", "fuzz", Instant.EPOCH, "", "POST", "",
            HttpHeaders.of(List.of(new HttpHeaders.Header("Content-Type", contentType))), body);
        final Payload any = attempt(() -> Payloads.readAny(request));
        if (any != null) {
            checkEmbeddable(any);
        }
        final Payload read = attempt(() -> Payloads.read(request));
        if (read != null) {
            checkEmbeddable(read);
        }
    }

    /** A payload's hash does not depend on its keys' order or its spacing, and its canonical form sorts every object. */
    @FuzzTest
    void hashIdentityIgnoresKeyOrderAndSpacing(final byte[] data) {
        final int newline = indexOf(data, (byte) '\n');
        final byte[] body = newline < 0 ? data : Arrays.copyOfRange(data, newline + 1, data.length);
        final JsonNode tree = attempt(() -> Payloads.tree(body));
        if (tree == null) {
            return;
        }
        final byte[] canonical = Payloads.canonical(tree);
        assertThat(StrictJson.problem(canonical, Payloads.MAX_DEPTH)).isEmpty();
        assertThat(StrictJson.keysSorted(canonical)).as("keys sorted in %s", new String(canonical, StandardCharsets.UTF_8)).isTrue();
        final String id = Payloads.hashIdentity(tree, null).eventId();
        assertThat(Payloads.hashIdentity(tree, "some.type").eventId()).isEqualTo(id);
        assertThat(Payloads.hashIdentity(reversed(tree), null).eventId()).as("keys in reverse order").isEqualTo(id);
        assertThat(Payloads.hashIdentity(Payloads.tree(Json.write(tree)), null).eventId()).as("written compactly").isEqualTo(id);
    }

    /** What the envelope embeds is one valid JSON value, not too deep, that reads back as the payload's tree. */
    private static void checkEmbeddable(final Payload payload) {
        assertThat(StrictJson.problem(payload.json().bytes(), Payloads.MAX_DEPTH)).isEmpty();
        assertThat(Payloads.tree(payload.json().bytes())).isEqualTo(payload.tree());
    }

    /** {@code node} with the keys of every object in reverse order. */
    private static JsonNode reversed(final JsonNode node) {
        if (node.isObject()) {
            final List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            node.fields().forEachRemaining(fields::add);
            Collections.reverse(fields);
            final ObjectNode copy = JsonNodeFactory.instance.objectNode();
            fields.forEach(field -> copy.set(field.getKey(), reversed(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            final ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(reversed(element)));
            return copy;
        }
        return node;
    }

    /** What {@code reader} returns, or null when it finds the body malformed; any other exception escapes. */
    private static <T> T attempt(final Supplier<T> reader) {
        try {
            return reader.get();
        } catch (Payloads.MalformedPayloadException e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }

    private static int indexOf(final byte[] data, final byte wanted) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}

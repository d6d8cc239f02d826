package io.hookgate.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.internals.errors.BadRequest;
import io.hookgate.core.json.Json;
import io.undertow.server.HttpServerExchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's JSON body, read strictly: it must be an object (or empty), name only the keys the
 * route accepts, and give each its JSON type (a string filter, a boolean flag; {@code null} is not
 * "absent"). Anything else answers 400 {@code invalid_body} naming the key.
 */
public final class JsonBody implements Input {

    /** Far above any filter; a larger body is not one. */
    public static final int MAX_BYTES = 64 * 1024;

    private final JsonNode object;

    private JsonBody(final JsonNode object) {
        this.object = object;
    }

    /** Reads the body of {@code exchange}, blocking: every admin route runs on a worker thread. */
    public static JsonBody read(final HttpServerExchange exchange, final Set<String> accepted) throws IOException {
        final byte[] bytes = readBytes(exchange);
        if (bytes.length > MAX_BYTES) {
            throw BadRequest.body(null, "the body is larger than " + MAX_BYTES + " bytes");
        }
        return parse(bytes, accepted);
    }

    /**
     * The body of {@code exchange}, blocking, up to one byte more than {@link #MAX_BYTES}: a longer
     * result means a body over the limit, which the caller refuses its own way.
     */
    public static byte[] readBytes(final HttpServerExchange exchange) throws IOException {
        exchange.startBlocking();
        try (InputStream in = exchange.getInputStream()) {
            return in.readNBytes(MAX_BYTES + 1);
        }
    }

    static JsonBody parse(final byte[] bytes, final Set<String> accepted) {
        final JsonNode node;
        try {
            node = bytes.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw BadRequest.body(null, "the body is not JSON");
        }
        if (node == null || node.isMissingNode()) {
            return new JsonBody(Json.mapper().createObjectNode());
        }
        if (!node.isObject()) {
            throw BadRequest.body(null, "the body must be a JSON object, not " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (!accepted.contains(name)) {
                throw BadRequest.body(name, "unknown key" + DidYouMean.hint(name, new TreeSet<>(accepted)));
            }
        }
        return new JsonBody(node);
    }

    @Override
    public String text(final String name) {
        final JsonNode value = object.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(name, "must be a string" + (value.isNull() ? " (leave the key out to not filter by it)" : ""));
        }
        if (value.asText().isEmpty()) {
            throw invalid(name, "empty; leave the key out instead");
        }
        return value.asText();
    }

    @Override
    public boolean flag(final String name) {
        final JsonNode value = object.get(name);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid(name, "must be true or false (a JSON boolean)");
        }
        return value.booleanValue();
    }

    @Override
    public BadRequest invalid(final String name, final String message) {
        return BadRequest.body(name, message);
    }
}

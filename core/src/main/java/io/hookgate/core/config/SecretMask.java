package io.hookgate.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.function.Predicate;

/**
 * How {@code hookgate config print} shows a secret: {@code whsec_****} for a Standard Webhooks
 * secret, {@code ****} for any other; never a character of the secret itself, whose length and end
 * could narrow a short one down.
 */
final class SecretMask {

    static final String MASK = "****";

    private SecretMask() {
    }

    /** {@code node} with the value of every entry of a map whose name {@code names} accepts masked; anything but a map whole. */
    static JsonNode entries(final JsonNode node, final Predicate<String> names) {
        if (!(node instanceof ObjectNode object)) {
            return all(node);
        }
        final ObjectNode masked = JsonNodeFactory.instance.objectNode();
        object.fields().forEachRemaining(field ->
            masked.set(field.getKey(), names.test(field.getKey()) ? all(field.getValue()) : field.getValue()));
        return masked;
    }

    /** {@code node} with every value in it masked: each element of a list, each value of a map. */
    static JsonNode all(final JsonNode node) {
        if (node == null || node.isNull()) {
            return node;
        }
        if (node instanceof ArrayNode array) {
            final ArrayNode masked = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> masked.add(all(element)));
            return masked;
        }
        if (node instanceof ObjectNode object) {
            return entries(object, name -> true);
        }
        return TextNode.valueOf(mask(node.asText()));
    }

    /** The mask of {@code secret}: its {@code whsec_} prefix, if it has one, and {@value #MASK}. */
    static String mask(final String secret) {
        return secret.startsWith(SigningSecret.PREFIX) ? SigningSecret.PREFIX + MASK : MASK;
    }
}

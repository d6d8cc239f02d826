package io.hookgate.providers.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.json.RawJson;

import java.util.Objects;

/**
 * A verified request's payload, twice: {@link #json} is what the envelope embeds (a JSON body's
 * own bytes, unchanged; a form's fields written once as a JSON object), {@link #tree} is the
 * same read as a tree, for finding the event's id and type. Numbers in the tree are exact
 * ({@code BigDecimal}), so nothing derived from it rounds.
 */
public record Payload(RawJson json, JsonNode tree) {

    public Payload {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(tree, "tree");
    }
}

package io.hookgate.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSchemaTest {

    private final EventSchemaCompiler compiler = new EventSchemaCompiler();

    private static JsonNode json(final String text) {
        return Json.read(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }

    private EventSchema schema(final Path dir, final String text) throws Exception {
        final Path file = dir.resolve("schema.json");
        Files.writeString(file, text);
        return compiler.compile(file);
    }

    @Test
    void aViolationNamesTheJsonPointerOfTheFirstError(@TempDir final Path dir) throws Exception {
        final EventSchema order = schema(dir, """
            {"type": "object", "required": ["orderId", "lines"],
             "properties": {"orderId": {"type": "integer"},
                            "lines": {"type": "array", "items": {"type": "object", "required": ["sku"],
                                      "properties": {"qty": {"type": "integer", "minimum": 1}}}}}}
            """);
        assertThat(order.check(json("{\"orderId\": 7, \"lines\": [{\"sku\": \"a\", \"qty\": 2}]}"))).isEmpty();
        assertThat(order.check(json("{\"orderId\": 7, \"lines\": [{\"sku\": \"a\"}, {\"sku\": \"b\", \"qty\": 0}]}")).orElseThrow())
            .isEqualTo(new SchemaViolation("/lines/1/qty", "must have a minimum value of 1", 0));
        final SchemaViolation root = order.check(json("{\"lines\": \"none\"}")).orElseThrow();
        assertThat(root.describe()).startsWith("at \"");
        assertThat(root.others()).isEqualTo(1);
        assertThat(order.check(json("[1]")).orElseThrow().pointer()).isEmpty();
    }

    @Test
    void pointersEscapeSlashesAndTildes(@TempDir final Path dir) throws Exception {
        final EventSchema schema = schema(dir, "{\"properties\": {\"a/b~c\": {\"type\": \"string\"}}}");
        assertThat(schema.check(json("{\"a/b~c\": 1}")).orElseThrow().pointer()).isEqualTo("/a~1b~0c");
    }

    @Test
    void exactNumbersAreValidatedAsTheyAre(@TempDir final Path dir) throws Exception {
        final EventSchema amount = schema(dir, "{\"properties\": {\"amount\": {\"type\": \"number\", \"maximum\": 0.3}}}");
        assertThat(amount.check(json("{\"amount\": 0.30000000000000004441}"))).isPresent();
        assertThat(amount.check(json("{\"amount\": 0.3}"))).isEmpty();
    }

    @Test
    void olderDraftsAreRead(@TempDir final Path dir) throws Exception {
        final EventSchema draft7 = schema(dir, """
            {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"id": {"type": "string"}},
             "properties": {"id": {"$ref": "#/definitions/id"}}}
            """);
        assertThat(draft7.check(json("{\"id\": 1}")).orElseThrow().pointer()).isEqualTo("/id");
    }

    @Test
    void aFileThatIsNoSchemaIsRefused(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.json"), "{\"required\": \"orderId\"}");
        assertThatThrownBy(() -> compiler.compile(dir.resolve("bad.json"))).isInstanceOf(InvalidEventSchemaException.class)
            .hasMessageContaining("is not a valid JSON Schema: /required");
    }
}

package io.hookgate.core.config;

import io.hookgate.core.catalog.SchemaViolation;
import io.hookgate.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Event-type catalogues at configuration load: declared types and schemas, and subscriptions' patterns checked against them. */
class EventTypeCatalogueConfigTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /** A provider that publishes a list of types, one that publishes none, and one without a list at all. */
    static final ProviderCatalog PROVIDERS = new ProviderCatalog() {
        final ProviderSpec stripe = new ProviderSpec() {
            @Override
            public String name() {
                return "stripe";
            }

            @Override
            public Set<String> eventTypes() {
                return Set.of("invoice.paid", "invoice.payment_failed", "invoice.created", "charge.succeeded", "charge.failed");
            }
        };
        final ProviderSpec publisher = () -> "publisher";
        final ProviderSpec plain = () -> "standard-webhooks";

        @Override
        public Optional<ProviderSpec> find(final String name) {
            return Optional.ofNullable(Map.of("stripe", stripe, "publisher", publisher, "standard-webhooks", plain).get(name));
        }

        @Override
        public SortedSet<String> names() {
            return new TreeSet<>(List.of("publisher", "standard-webhooks", "stripe"));
        }
    };

    private final ConfigLoader loader = new ConfigLoader(PROVIDERS, Map.<String, String>of()::get);

    private static String config(final String sources, final String eventTypes, final String subscriptionSources) {
        return """
            sources:
            %s
            subscriptions:
              billing:
                url: https://billing.example.com/hooks
                sources: [%s]
                eventTypes: %s
                secret: "%s"
            """.formatted(sources.indent(2).stripTrailing(), subscriptionSources, eventTypes, SECRET);
    }

    private List<String> problems(final String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml)).problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aTypoInASubscriptionPatternIsAnErrorWithASuggestion() {
        assertThat(problems(config("stripe: {provider: stripe}", "[\"charge.succeeded\", \"invoice.piad\"]", "stripe"))).containsExactly(
            "subscriptions.billing.eventTypes[1]: unknown_event_type 'invoice.piad' matches no event type of source stripe; "
                + "did you mean invoice.paid?");
    }

    @Test
    void aGlobIsComparedWithGlobs() {
        assertThat(problems(config("stripe: {provider: stripe}", "[\"invoce.*\"]", "stripe"))).containsExactly(
            "subscriptions.billing.eventTypes[0]: unknown_event_type 'invoce.*' matches no event type of source stripe; "
                + "did you mean invoice.*?");
    }

    @Test
    void aPatternNearNothingListsTheKnownTypes() {
        assertThat(problems(config("stripe: {provider: stripe}", "[\"customer.created\"]", "stripe"))).containsExactly(
            "subscriptions.billing.eventTypes[0]: unknown_event_type 'customer.created' matches no event type of source stripe; "
                + "known types: charge.failed, charge.succeeded, invoice.created, invoice.paid, invoice.payment_failed");
    }

    @Test
    void patternsMatchingAKnownTypePass() {
        final HookgateConfig config = loader.parse(config("stripe: {provider: stripe}",
            "[\"invoice.*\", \"*.succeeded\", \"charge.failed\", \"*\"]", "stripe"));
        assertThat(config.source("stripe").orElseThrow().catalogue().types()).contains("invoice.paid", "charge.failed");
    }

    @Test
    void declaredTypesExtendThePublishedList() {
        final HookgateConfig config = loader.parse(config("stripe: {provider: stripe, eventTypes: [invoice.voided]}",
            "[\"invoice.voided\", \"invoice.paid\"]", "stripe"));
        assertThat(config.source("stripe").orElseThrow().catalogue().types())
            .contains("invoice.voided", "invoice.paid", "charge.succeeded").hasSize(6);
    }

    @Test
    void aSourceWithoutACatalogueLetsEveryPatternThrough() {
        loader.parse(config("demo: {provider: standard-webhooks, secrets: [\"" + SECRET + "\"]}", "[\"anything.at-all\"]", "demo"));
        // One source of the subscription without a catalogue: any type may come from it, so nothing is refused.
        loader.parse(config("stripe: {provider: stripe}\ndemo: {provider: standard-webhooks}", "[\"anything.at-all\"]", "stripe, demo"));
    }

    @Test
    void aSubscriptionOfSeveralSourcesIsCheckedAgainstAllTheirTypes() {
        final String sources = "stripe: {provider: stripe}\napp: {provider: publisher, eventTypes: [order.created, order.paid]}";
        loader.parse(config(sources, "[\"order.*\", \"invoice.paid\"]", "stripe, app"));
        assertThat(problems(config(sources, "[\"order.piad\"]", "stripe, app"))).containsExactly(
            "subscriptions.billing.eventTypes[0]: unknown_event_type 'order.piad' matches no event type of sources stripe, app; "
                + "did you mean order.paid?");
    }

    @Test
    void declaredTypesAreNamesOrNameAndSchema() {
        assertThat(problems("""
            sources:
              app:
                provider: publisher
                eventTypes:
                  - order.created
                  - {name: "order paid"}
                  - {schema: orders.json}
                  - {name: order.shipped, schema: ""}
                  - {name: order.refunded, shema: refund.json}
                  - 42
                  - [order.lost]
                  - "order.*"
            """)).containsExactly(
            "sources.app.eventTypes[1].name: 'order paid' is not an event type name (1 to 200 letters, digits, _ . : / -)",
            "sources.app.eventTypes[2].name: required",
            "sources.app.eventTypes[3].schema: empty",
            "sources.app.eventTypes[4].shema: unknown key (did you mean 'schema'?)",
            "sources.app.eventTypes[5]: expected an event type name or {name, schema}",
            "sources.app.eventTypes[6]: expected an event type name or {name, schema}",
            "sources.app.eventTypes[7]: 'order.*' is not an event type name (1 to 200 letters, digits, _ . : / -)");
        assertThat(problems("sources: {app: {provider: publisher, eventTypes: [order.created, order.paid, {name: order.created}]}}"))
            .containsExactly("sources.app.eventTypes[2]: 'order.created' is declared twice (also at [0])");
    }

    @Test
    void schemasAreCompiledRelativeToTheConfigurationFile(@TempDir final Path dir) throws IOException {
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/order.json"), """
            {"type": "object", "required": ["orderId"], "properties": {"orderId": {"type": "integer", "minimum": 1}}}
            """);
        final Path file = dir.resolve("hookgate.yaml");
        Files.writeString(file, config("app: {provider: publisher, eventTypes: [{name: order.created, schema: schemas/order.json}, order.paid]}",
            "[\"order.*\"]", "app"));
        final SourceConfig app = loader.load(file).source("app").orElseThrow();
        assertThat(app.catalogue().types()).containsExactly("order.created", "order.paid");
        assertThat(app.catalogue().schema("order.paid")).isEmpty();
        assertThat(app.catalogue().schema("order.created").orElseThrow().file()).isEqualTo(dir.resolve("schemas/order.json"));
        assertThat(app.catalogue().schema("order.created").orElseThrow().check(Json.read("{\"orderId\": 0}".getBytes(),
            com.fasterxml.jackson.databind.JsonNode.class))).contains(new SchemaViolation("/orderId", "must have a minimum value of 1", 0));
    }

    @Test
    void aTextWithoutAFileResolvesSchemasAgainstTheDirectoryGiven(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("order.json"), "{\"type\": \"object\"}");
        final String yaml = config("app: {provider: publisher, eventTypes: [{name: order.created, schema: order.json}]}", "[]", "app");
        assertThat(loader.parse(yaml, dir).source("app").orElseThrow().catalogue().schema("order.created")).isPresent();
        assertThat(catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml)).getMessage())
            .as("the working directory has no order.json")
            .contains("sources.app.eventTypes[0].schema: schema file " + Path.of("").toAbsolutePath().resolve("order.json") + " does not exist");
    }

    @Test
    void everySchemaFileProblemIsReportedWithItsPath(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("not-json.json"), "{\"type\": object}");
        Files.writeString(dir.resolve("invalid.json"), "{\"type\": \"objekt\", \"properties\": {\"n\": {\"minimum\": \"one\"}}}");
        Files.writeString(dir.resolve("array.json"), "[\"type\", \"object\"]");
        Files.writeString(dir.resolve("dialect.json"), "{\"$schema\": \"https://example.com/my-dialect\", \"type\": \"object\"}");
        Files.writeString(dir.resolve("remote.json"), "{\"properties\": {\"a\": {\"$ref\": \"https://schemas.example.com/a.json\"}}}");
        Files.writeString(dir.resolve("empty.json"), "");
        Files.createDirectories(dir.resolve("folder.json"));
        final List<String> problems = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            sources:
              app:
                provider: publisher
                eventTypes:
                  - {name: a.missing, schema: missing.json}
                  - {name: a.not-json, schema: not-json.json}
                  - {name: a.invalid, schema: invalid.json}
                  - {name: a.array, schema: array.json}
                  - {name: a.dialect, schema: dialect.json}
                  - {name: a.remote, schema: remote.json}
                  - {name: a.empty, schema: empty.json}
                  - {name: a.folder, schema: folder.json}
            """, dir)).problems().stream().map(ConfigProblem::toString).toList();
        assertThat(problems).hasSize(8);
        assertThat(problems.get(0)).isEqualTo("sources.app.eventTypes[0].schema: schema file " + dir.resolve("missing.json") + " does not exist");
        assertThat(problems.get(1)).startsWith("sources.app.eventTypes[1].schema: schema file " + dir.resolve("not-json.json") + " is not JSON: ");
        assertThat(problems.get(2)).startsWith("sources.app.eventTypes[2].schema: schema file " + dir.resolve("invalid.json")
            + " is not a valid JSON Schema: ").contains("/type").contains("/properties/n/minimum");
        assertThat(problems.get(3)).isEqualTo("sources.app.eventTypes[3].schema: schema file " + dir.resolve("array.json")
            + " is not a JSON Schema: expected an object");
        assertThat(problems.get(4)).startsWith("sources.app.eventTypes[4].schema: schema file " + dir.resolve("dialect.json")
            + " names an unknown $schema");
        assertThat(problems.get(5)).startsWith("sources.app.eventTypes[5].schema: schema file " + dir.resolve("remote.json")
            + " cannot be compiled: ");
        assertThat(problems.get(6)).isEqualTo("sources.app.eventTypes[6].schema: schema file " + dir.resolve("empty.json") + " is empty");
        assertThat(problems.get(7)).startsWith("sources.app.eventTypes[7].schema: cannot read schema file " + dir.resolve("folder.json"));
    }
}

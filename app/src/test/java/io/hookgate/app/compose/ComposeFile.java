package io.hookgate.app.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The repository's {@code docker-compose.yml} as Compose reads it: anchors, aliases and merge keys
 * ({@code <<}) resolved by SnakeYAML (Jackson's YAML parser leaves them unresolved), then a Jackson
 * tree; and Compose's {@code ${VAR}} and {@code ${VAR:-default}} substituted from a given environment.
 */
final class ComposeFile {

    /** The repository root, seen from the app module where the tests run. */
    static final Path ROOT = Path.of("..");
    /** Where the Dockerfile puts the repository's examples/ in the hookgate image. */
    static final String IMAGE_EXAMPLES = "/opt/hookgate/examples/";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::-([^}]*))?}");

    private final JsonNode root;

    private ComposeFile(final JsonNode root) {
        this.root = root;
    }

    static ComposeFile load() throws IOException {
        final Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return new ComposeFile(Json.mapper().valueToTree(tree));
    }

    JsonNode services() {
        return root.get("services");
    }

    JsonNode service(final String name) {
        final JsonNode service = services().get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    JsonNode volumes() {
        return root.get("volumes");
    }

    /** The services whose image is {@code image}, by name in file order. */
    Map<String, JsonNode> servicesOfImage(final String image) {
        final Map<String, JsonNode> found = new LinkedHashMap<>();
        services().fields().forEachRemaining(entry -> {
            if (entry.getValue().path("image").asText().equals(image)) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    /** The command of {@code service}, as a list of words. */
    static List<String> command(final JsonNode service) {
        return StreamSupport.stream(service.path("command").spliterator(), false).map(JsonNode::asText).toList();
    }

    /** The environment {@code service} gets, each value with Compose's variables taken from {@code host}. */
    static Map<String, String> environment(final JsonNode service, final Function<String, String> host) {
        final Map<String, String> environment = new LinkedHashMap<>();
        service.path("environment").fields().forEachRemaining(entry ->
            environment.put(entry.getKey(), substitute(entry.getValue().asText(), host)));
        return environment;
    }

    /** {@code text} with {@code ${VAR}} replaced by {@code host}'s value and {@code ${VAR:-default}} by it or the default. */
    static String substitute(final String text, final Function<String, String> host) {
        final Matcher matcher = VARIABLE.matcher(text);
        final StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            final String value = host.apply(matcher.group(1));
            final String replacement = value != null && !value.isEmpty() ? value : matcher.group(2) != null ? matcher.group(2) : "";
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The repository file the hookgate image holds at {@code imagePath} (under examples/). */
    static Path repositoryFile(final String imagePath) {
        if (!imagePath.startsWith(IMAGE_EXAMPLES)) {
            throw new AssertionError(imagePath + " is not under " + IMAGE_EXAMPLES + ", the only folder the Dockerfile copies");
        }
        return ROOT.resolve("examples").resolve(imagePath.substring(IMAGE_EXAMPLES.length()));
    }
}

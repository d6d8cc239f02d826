package io.hookgate.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} anywhere in a string value by the environment variable {@code NAME}.
 * A variable that is not set is a problem reported with the path of the value that names it.
 */
final class EnvSubstitution {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Function<String, String> environment;

    EnvSubstitution(final Function<String, String> environment) {
        this.environment = environment;
    }

    /** Substitutes in place every string below {@code node}. */
    void apply(final JsonNode node, final String path, final ConfigProblems problems) {
        if (node instanceof ObjectNode object) {
            final Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                final String childPath = ConfigProblems.child(path, field.getKey());
                if (field.getValue().isTextual()) {
                    field.setValue(substitute(field.getValue().textValue(), childPath, problems));
                } else {
                    apply(field.getValue(), childPath, problems);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                final String childPath = ConfigProblems.index(path, i);
                if (array.get(i).isTextual()) {
                    array.set(i, substitute(array.get(i).textValue(), childPath, problems));
                } else {
                    apply(array.get(i), childPath, problems);
                }
            }
        }
    }

    private TextNode substitute(final String text, final String path, final ConfigProblems problems) {
        final Matcher matcher = VARIABLE.matcher(text);
        final StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            final String name = matcher.group(1);
            final String value = environment.apply(name);
            if (value == null) {
                problems.add(path, "environment variable " + name + " is not set");
                // Keep the reference, so that later checks do not add a second problem ("empty").
                matcher.appendReplacement(result, Matcher.quoteReplacement(matcher.group()));
            } else {
                matcher.appendReplacement(result, Matcher.quoteReplacement(value));
            }
        }
        matcher.appendTail(result);
        return TextNode.valueOf(result.toString());
    }
}

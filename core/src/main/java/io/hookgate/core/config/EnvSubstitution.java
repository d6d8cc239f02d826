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
 * Replaces {@code ${NAME}} anywhere in a string value by the environment variable {@code NAME}, and
 * {@code ${NAME:-default}} by that variable, or by {@code default} when it is not set or empty. A
 * variable of {@code ${NAME}} that is not set, or any other {@code ${...}} form (a shell's
 * {@code ${NAME:?message}}, say), is a problem reported with the path of the value that holds it;
 * the value then keeps the reference as written, and is not judged further
 * ({@link ConfigProblems#addUnresolved}).
 */
final class EnvSubstitution {

    /** Any reference: what it holds is checked against {@link #FORM}. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    /** The supported forms: a name, and optionally {@code :-} and a default. */
    private static final Pattern FORM = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(:-(.*))?", Pattern.DOTALL);

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
        final Matcher matcher = REFERENCE.matcher(text);
        final StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            final String value = resolve(matcher.group(), matcher.group(1), path, problems);
            // An unresolved reference stays as written: no later check reports it ("empty") a second time.
            matcher.appendReplacement(result, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(result);
        return TextNode.valueOf(result.toString());
    }

    /** The text of {@code reference}, whose braces hold {@code body}; null, with the problem reported, when it has none. */
    private String resolve(final String reference, final String body, final String path, final ConfigProblems problems) {
        final Matcher form = FORM.matcher(body);
        if (!form.matches()) {
            problems.addUnresolved(path, "'" + reference + "' is not supported: write ${NAME}, or ${NAME:-default} for a default");
            return null;
        }
        final String name = form.group(1);
        final String value = environment.apply(name);
        if (form.group(2) == null) {
            if (value == null) {
                problems.addUnresolved(path, "environment variable " + name + " is not set");
            }
            return value;
        }
        final String fallback = form.group(3);
        if (fallback.contains("${")) {
            problems.addUnresolved(path, "'" + reference + "}' is not supported: a default cannot name another variable");
            return null;
        }
        return value == null || value.isEmpty() ? fallback : value;
    }
}

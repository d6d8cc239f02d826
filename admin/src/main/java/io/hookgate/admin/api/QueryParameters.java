package io.hookgate.admin.api;

import io.hookgate.admin.internals.errors.BadRequest;
import io.undertow.server.HttpServerExchange;

import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's query, read strictly: a name the route does not accept, a name given twice, an empty
 * value, or a flag other than {@code true}/{@code false} answers 400 {@code invalid_parameter}
 * naming the parameter, so that a typo never widens what a request does.
 */
public final class QueryParameters implements Input {

    private final Map<String, Deque<String>> values;

    private QueryParameters(final Map<String, Deque<String>> values) {
        this.values = values;
    }

    /** The query of {@code exchange}, which may name only {@code accepted}. */
    public static QueryParameters of(final HttpServerExchange exchange, final Set<String> accepted) {
        final Map<String, Deque<String>> values = exchange.getQueryParameters();
        for (Map.Entry<String, Deque<String>> parameter : values.entrySet()) {
            final String name = parameter.getKey();
            if (!accepted.contains(name)) {
                throw BadRequest.parameter(name, "unknown parameter" + DidYouMean.hint(name, new TreeSet<>(accepted)));
            }
            if (parameter.getValue().size() > 1) {
                throw BadRequest.parameter(name, "given " + parameter.getValue().size() + " times; give it once");
            }
            if (parameter.getValue().peekFirst().isEmpty()) {
                throw BadRequest.parameter(name, "empty; leave it out instead");
            }
        }
        return new QueryParameters(values);
    }

    @Override
    public String text(final String name) {
        final Deque<String> value = values.get(name);
        return value == null ? null : value.peekFirst();
    }

    @Override
    public boolean flag(final String name) {
        final String value = text(name);
        if (value == null || "false".equals(value)) {
            return false;
        }
        if ("true".equals(value)) {
            return true;
        }
        throw invalid(name, "must be true or false");
    }

    /** {@code name} as a whole number in {@code min..max}, or {@code otherwise} when absent. */
    public int integer(final String name, final int otherwise, final int min, final int max) {
        final String value = text(name);
        if (value == null) {
            return otherwise;
        }
        final int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name, "not a whole number");
        }
        if (number < min || number > max) {
            throw invalid(name, "must be " + min + ".." + max);
        }
        return number;
    }

    @Override
    public BadRequest invalid(final String name, final String message) {
        return BadRequest.parameter(name, message);
    }
}

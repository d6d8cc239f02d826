package io.hookgate.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a configuration so that they are all reported at once, before
 * anything starts. Not thread-safe: one instance per validation run.
 */
public final class ConfigProblems {

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<String> unresolved = new ArrayList<>();

    /**
     * Adds the problem {@code message} of the value at {@code path}; dropped when that value could
     * not be resolved ({@link #addUnresolved}), of which it would only be a knock-on.
     */
    public void add(final String path, final String message) {
        if (unresolved.stream().noneMatch(at -> within(path, at))) {
            problems.add(new ConfigProblem(path, message));
        }
    }

    /**
     * Adds the problem of a value that could not be resolved, such as one naming an environment
     * variable that is not set: what the value holds then is no value to check, so every later
     * problem at {@code path} or below it is dropped.
     */
    public void addUnresolved(final String path, final String message) {
        problems.add(new ConfigProblem(path, message));
        unresolved.add(path);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    /**
     * Whether a problem was reported at {@code path}, below it ({@code sources.a} covers
     * {@code sources.a.secrets[0]}) or at a section above it. A value there cannot be trusted, so a
     * check that reads it says nothing: one mistake must be one problem, not also its knock-on
     * effects (a subscription's http URL refused because its {@code allowInsecureUrl} was misspelt).
     */
    public boolean reported(final String path) {
        return problems.stream().map(ConfigProblem::path).anyMatch(at -> within(at, path) || (!at.isEmpty() && within(path, at)));
    }

    public List<ConfigProblem> list() {
        return List.copyOf(problems);
    }

    /** Throws a {@link ConfigException} listing every problem, if there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Whether {@code path} is {@code ancestor} or lies below it. */
    private static boolean within(final String path, final String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
    }

    /** The path of a child key: {@code child("sources", "stripe")} is {@code sources.stripe}. */
    public static String child(final String path, final String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The path of a list element: {@code index("secrets", 0)} is {@code secrets[0]}. */
    public static String index(final String path, final int index) {
        return path + "[" + index + "]";
    }
}

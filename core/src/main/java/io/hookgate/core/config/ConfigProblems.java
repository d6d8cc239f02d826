package io.hookgate.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a configuration so that they are all reported at once, before
 * anything starts. Not thread-safe: one instance per validation run.
 */
public final class ConfigProblems {

    private final List<ConfigProblem> problems = new ArrayList<>();

    public void add(final String path, final String message) {
        problems.add(new ConfigProblem(path, message));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
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

    /** The path of a child key: {@code child("sources", "stripe")} is {@code sources.stripe}. */
    public static String child(final String path, final String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The path of a list element: {@code index("secrets", 0)} is {@code secrets[0]}. */
    public static String index(final String path, final int index) {
        return path + "[" + index + "]";
    }
}

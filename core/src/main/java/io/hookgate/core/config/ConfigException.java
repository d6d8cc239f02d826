package io.hookgate.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a configuration has problems; its message lists each one with its path. */
public final class ConfigException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public ConfigException(final List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(final String path, final String message) {
        this(List.of(new ConfigProblem(path, message)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(final List<ConfigProblem> problems) {
        return problems.size() + (problems.size() == 1 ? " configuration problem:" : " configuration problems:")
            + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
    }
}

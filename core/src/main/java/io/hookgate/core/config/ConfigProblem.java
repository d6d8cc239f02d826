package io.hookgate.core.config;

/**
 * One problem found in a configuration file, named by the path of the value it is about,
 * for instance {@code sources.stripe.secrets[0]: empty}.
 */
public record ConfigProblem(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}

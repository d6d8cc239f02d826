package io.hookgate.core.config;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a value that was read successfully, reporting what is wrong with it under its path.
 *
 * @param <T> the type of value checked
 */
@FunctionalInterface
public interface Validator<T> {

    void check(T value, String path, ConfigProblems problems);

    /** This check, then {@code next}. */
    default Validator<T> and(final Validator<? super T> next) {
        return (value, path, problems) -> {
            check(value, path, problems);
            next.check(value, path, problems);
        };
    }

    static <T> Validator<T> none() {
        return (value, path, problems) -> { };
    }

    static Validator<String> nonEmpty() {
        return (value, path, problems) -> {
            if (value.isBlank()) {
                problems.add(path, "empty");
            }
        };
    }

    /** Refuses leading or trailing whitespace, which a secret never has but a file or variable easily adds. */
    static Validator<String> noSurroundingWhitespace() {
        return (value, path, problems) -> {
            if (!value.isBlank() && !value.equals(value.strip())) {
                problems.add(path, "has leading or trailing whitespace (a newline from a file or variable?); it would never match");
            }
        };
    }

    static Validator<String> matches(final Pattern pattern, final String expectation) {
        return (value, path, problems) -> {
            if (!pattern.matcher(value).matches()) {
                problems.add(path, "'" + value + "' is not " + expectation);
            }
        };
    }

    static Validator<String> oneOf(final Set<String> allowed) {
        return (value, path, problems) -> {
            if (!allowed.contains(value)) {
                problems.add(path, "'" + value + "' is not one of " + String.join(", ", allowed.stream().sorted().toList()));
            }
        };
    }

    static Validator<Integer> between(final int min, final int max) {
        return (value, path, problems) -> {
            if (value < min || value > max) {
                problems.add(path, value + " is outside " + min + ".." + max);
            }
        };
    }

    static Validator<Duration> between(final Duration min, final Duration max) {
        return (value, path, problems) -> {
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                problems.add(path, Durations.format(value) + " is outside " + Durations.format(min) + ".." + Durations.format(max));
            }
        };
    }

    static Validator<Integer> atLeast(final int min) {
        return (value, path, problems) -> {
            if (value < min) {
                problems.add(path, value + " is less than " + min);
            }
        };
    }

    static Validator<Duration> positive() {
        return (value, path, problems) -> {
            if (value.isZero() || value.isNegative()) {
                problems.add(path, "must be longer than 0");
            }
        };
    }

    static Validator<Collection<?>> notEmptyList() {
        return (value, path, problems) -> {
            if (value.isEmpty()) {
                problems.add(path, "must not be empty");
            }
        };
    }

    /** Applies {@code element} to each element, under the element's path {@code path[i]}. */
    static <E> Validator<List<E>> each(final Validator<? super E> element) {
        return (values, path, problems) -> {
            for (int i = 0; i < values.size(); i++) {
                element.check(values.get(i), ConfigProblems.index(path, i), problems);
            }
        };
    }
}

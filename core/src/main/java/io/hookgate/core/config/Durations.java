package io.hookgate.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in configuration files and topic names: a whole number and one unit,
 * {@code 500ms}, {@code 5s}, {@code 5m}, {@code 2h}, {@code 7d}.
 */
public final class Durations {

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    /** The longest duration accepted: beyond it, adding it to a time in milliseconds could overflow. */
    public static final Duration LONGEST = Duration.ofDays(36_500);

    private Durations() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the expected syntax when the text does not match it
     */
    public static Duration parse(final String text) {
        final Matcher matcher = SYNTAX.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (expected a number and one of ms, s, m, h, d, e.g. 5s)");
        }
        final long amount = Long.parseLong(matcher.group(1));
        final Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than the longest duration accepted, " + format(LONGEST));
        }
        return duration;
    }

    /** Formats {@code duration} in the largest unit that represents it exactly: {@code 300s} is {@code 5m}. */
    public static String format(final Duration duration) {
        final long millis = duration.toMillis();
        if (millis == 0 || millis % 1000 != 0) {
            return millis + "ms";
        }
        final long seconds = millis / 1000;
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}

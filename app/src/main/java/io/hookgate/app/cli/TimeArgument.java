package io.hookgate.app.cli;

import io.hookgate.core.config.Durations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A point in time as people type it on a command line: an ISO-8601 instant
 * ({@code 2026-11-23T10:00:00Z}), a date ({@code 2026-11-23}, its start in UTC), an age
 * ({@code 30m}, {@code 1h}, {@code 7d}: that long before now), {@code now}, {@code today} or
 * {@code yesterday} (their start in UTC). Read on the CLI's clock; sent to the admin API as an instant.
 */
public final class TimeArgument {

    private static final Pattern AGE = Pattern.compile("\\d+(ms|s|m|h|d)");
    public static final String FORMS = "an ISO-8601 instant (2026-11-23T10:00:00Z), a date (2026-11-23, UTC), an age (30m, 1h, 7d: that long ago), "
        + "now, today or yesterday";

    private TimeArgument() {
    }

    /**
     * {@link #parse} as the admin API takes it: ISO-8601 text, or null when {@code text} is null.
     *
     * @throws CliFailure when {@code text} is none of the accepted forms
     */
    public static String iso(final String option, final String text, final Clock clock) {
        final Instant instant = parse(option, text, clock);
        return instant == null ? null : instant.toString();
    }

    /**
     * @param option the option's name, for the message
     * @return the instant, or null when {@code text} is null
     * @throws CliFailure when {@code text} is none of the accepted forms
     */
    public static Instant parse(final String option, final String text, final Clock clock) {
        if (text == null) {
            return null;
        }
        final String value = text.strip().toLowerCase(Locale.ROOT).replaceFirst("\\s*ago$", "");
        final Instant now = clock.instant();
        switch (value) {
            case "now":
                return now;
            case "today":
                return now.truncatedTo(ChronoUnit.DAYS);
            case "yesterday":
                return now.truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
            default:
                break;
        }
        if (AGE.matcher(value).matches()) {
            try {
                return now.minus(Durations.parse(value));
            } catch (RuntimeException e) {
                throw CliFailure.usage(option + " " + text + ": " + e.getMessage());
            }
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw CliFailure.usage(option + " " + text + ": not a time; use " + FORMS);
            }
        }
    }
}

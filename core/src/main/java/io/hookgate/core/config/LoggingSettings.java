package io.hookgate.core.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.hookgate.core.config.ConfigKey.optional;

/**
 * Section {@code logging}: how a running part logs. Applied when a command starts, right after
 * the configuration is read and before the parts start: plain lines for people (the default), or
 * one JSON object per line for machines, at the root level and per-logger levels given here.
 */
public record LoggingSettings(String format, String level, Map<String, String> loggers) {

    public static final String PLAIN = "plain";
    public static final String JSON = "json";
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public static final ConfigKey<String> FORMAT = optional("format", ValueType.STRING, PLAIN,
        "plain (one line per event, for people) or json (one JSON object per line: timestamp, level, loggerName, threadName, "
            + "formattedMessage, mdc with source, eventId, ingressId, subscription, deliveryId and traceId where known, throwable).")
        .validatedBy(Validator.oneOf(Set.of(PLAIN, JSON)));
    public static final ConfigKey<String> LEVEL = optional("level", ValueType.STRING, "INFO",
        "Level of the root logger: TRACE, DEBUG, INFO, WARN, ERROR or OFF.").validatedBy(LoggingSettings::checkLevel);
    public static final ConfigKey<Map<String, String>> LOGGERS = optional("loggers", ValueType.STRING_MAP, Map.of(),
        "Levels of single loggers by name, e.g. {org.apache.kafka: INFO, io.hookgate.dispatcher: DEBUG}.")
        .validatedBy((values, path, problems) -> values.forEach((name, value) ->
            checkLevel(value, ConfigProblems.child(path, name), problems)));

    public static final ConfigDef DEF = ConfigDef.of(FORMAT, LEVEL, LOGGERS);

    static LoggingSettings from(final ConfigValues values) {
        return new LoggingSettings(values.get(FORMAT), values.get(LEVEL).toUpperCase(Locale.ROOT), values.get(LOGGERS));
    }

    /** Plain lines at INFO: what a configuration without the section has. */
    public static LoggingSettings defaults() {
        return new LoggingSettings(PLAIN, LEVEL.defaultValue(), Map.of());
    }

    public boolean json() {
        return JSON.equals(format);
    }

    private static void checkLevel(final String value, final String path, final ConfigProblems problems) {
        if (!LEVELS.contains(value.toUpperCase(Locale.ROOT))) {
            problems.add(path, "'" + value + "' is not a level (TRACE, DEBUG, INFO, WARN, ERROR, OFF)");
        }
    }
}

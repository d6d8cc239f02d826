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
public record LoggingSettings(String format, String level, Map<String, String> loggers, int securityEventsPerMinute) {

    public static final String PLAIN = "plain";
    public static final String JSON = "json";
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public static final ConfigKey<String> FORMAT = optional("format", ValueType.STRING, PLAIN,
        "plain (one line per event, for people) or json (one JSON object per line: timestamp, level, logger, thread, message, "
            + "then source, eventId, ingressId, subscription, deliveryId, traceId and spanId where known, the fields of a security "
            + "event (client, userAgent, reason, status), and exception with its stack trace).")
        .validatedBy(Validator.oneOf(Set.of(PLAIN, JSON)));
    public static final ConfigKey<String> LEVEL = optional("level", ValueType.STRING, "INFO",
        "Level of the root logger: TRACE, DEBUG, INFO, WARN, ERROR or OFF.").validatedBy(LoggingSettings::checkLevel);
    public static final ConfigKey<Map<String, String>> LOGGERS = optional("loggers", ValueType.STRING_MAP, Map.of(),
        "Levels of single loggers by name, e.g. {org.apache.kafka: INFO, io.hookgate.dispatcher: DEBUG}.")
        .validatedBy((values, path, problems) -> values.forEach((name, value) ->
            checkLevel(value, ConfigProblems.child(path, name), problems)));

    public static final ConfigKey<Integer> SECURITY_EVENTS_PER_MINUTE = optional("securityEventsPerMinute", ValueType.INT, 60,
        "Most security events (requests refused at the ingress, tokens refused at the admin API) logged per minute and part; "
            + "the rest are counted, and summed up in one line a minute, so a flood cannot flood the log. Every one is counted "
            + "in the metrics either way.").validatedBy(Validator.between(1, 60_000));

    public static final ConfigDef DEF = ConfigDef.of(FORMAT, LEVEL, LOGGERS, SECURITY_EVENTS_PER_MINUTE);

    static LoggingSettings from(final ConfigValues values) {
        return new LoggingSettings(values.get(FORMAT), values.get(LEVEL).toUpperCase(Locale.ROOT), values.get(LOGGERS),
            values.get(SECURITY_EVENTS_PER_MINUTE));
    }

    /** Plain lines at INFO: what a configuration without the section has. */
    public static LoggingSettings defaults() {
        return new LoggingSettings(PLAIN, LEVEL.defaultValue(), Map.of(), SECURITY_EVENTS_PER_MINUTE.defaultValue());
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

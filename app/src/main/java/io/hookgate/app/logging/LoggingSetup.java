package io.hookgate.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import io.hookgate.core.config.LoggingSettings;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.Locale;

/**
 * Applies section {@code logging} to Logback (the app's backend, configured by
 * {@code logback.xml}) when a command has read its configuration: the root level, each logger's
 * level from {@code loggers}, and with {@code format: json} a {@link JsonLineEncoder} on every
 * console or file appender of the root logger instead of the plain pattern. Levels that
 * {@code logback.xml} sets for talkative libraries (Kafka, Undertow) stay unless {@code loggers}
 * names them.
 */
public final class LoggingSetup {

    private LoggingSetup() {
    }

    /** Applies {@code settings} to this JVM's Logback; does nothing when another SLF4J backend is bound. */
    public static void apply(final LoggingSettings settings) {
        final ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            apply(context, settings);
        }
    }

    static void apply(final LoggerContext context, final LoggingSettings settings) {
        final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(settings.level(), Level.INFO));
        settings.loggers().forEach((name, level) -> context.getLogger(name).setLevel(Level.toLevel(level.toUpperCase(Locale.ROOT))));
        if (settings.json()) {
            for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext(); ) {
                if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> stream) {
                    final JsonLineEncoder encoder = new JsonLineEncoder();
                    encoder.setContext(context);
                    encoder.start();
                    // Swapped in place (a stopped console appender would reopen its stream, a plain one could not):
                    // this runs before the parts start, and an event is written whole by one encoder or the other.
                    stream.setEncoder(encoder);
                }
            }
        }
    }
}

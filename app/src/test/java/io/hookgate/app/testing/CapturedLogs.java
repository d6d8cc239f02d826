package io.hookgate.app.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

/** Every log line of this JVM from the moment it is created, with stack traces, for tests that grep logs. */
public final class CapturedLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public CapturedLogs() {
        appender.start();
        root.addAppender(appender);
    }

    public String text() {
        final List<ILoggingEvent> events = List.copyOf(appender.list);
        return events.stream().map(event -> event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()))
            .collect(Collectors.joining("\n"));
    }

    public int lines() {
        return appender.list.size();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }
}

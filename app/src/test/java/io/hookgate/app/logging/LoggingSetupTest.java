package io.hookgate.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.LoggingSettings;
import io.hookgate.core.json.Json;
import io.hookgate.core.logging.LogContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Section {@code logging} applied to a Logback context of its own (the test JVM's stays as it is). */
class LoggingSetupTest {

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    LoggingSetupTest() {
        // The MDC the code under test writes to (through SLF4J) is the one this context reads.
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.start();
        final PatternLayoutEncoder plain = new PatternLayoutEncoder();
        plain.setContext(context);
        plain.setPattern("%-5level %logger - %msg%n");
        plain.start();
        final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(plain);
        appender.setOutputStream(written);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    private List<String> lines() {
        return written.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void levelsOfTheRootAndOfSingleLoggers() {
        LoggingSetup.apply(context, new LoggingSettings(LoggingSettings.PLAIN, "WARN", Map.of("io.hookgate.dispatcher", "debug"), 60));
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        context.getLogger("io.hookgate.processor.X").info("not shown");
        context.getLogger("io.hookgate.processor.X").warn("shown");
        context.getLogger("io.hookgate.dispatcher.Deliveries").debug("shown too");
        assertThat(lines()).containsExactly("WARN  io.hookgate.processor.X - shown", "DEBUG io.hookgate.dispatcher.Deliveries - shown too");
    }

    @Test
    void jsonIsOneObjectPerLineWithTheIdsOfTheWorkAtTheTop() throws Exception {
        LoggingSetup.apply(context, new LoggingSettings(LoggingSettings.JSON, "INFO", Map.of(), 60));
        final Logger logger = context.getLogger("io.hookgate.dispatcher.Deliveries");
        try (LogContext ignored = LogContext.of(LogContext.SOURCE, "stripe").and(LogContext.EVENT_ID, "evt_1")
            .and(LogContext.INGRESS_ID, "ing-1").and(LogContext.SUBSCRIPTION, "billing").and(LogContext.TRACE_ID, "0af7651916cd43dd8448eb211c80319c")
            .and("message", "an MDC field that would overwrite the message")) {
            logger.info("Retrying subscription={}\nsecond line", "billing");
        }
        logger.error("Failed", new IllegalStateException("broken"));

        final List<String> lines = lines();
        assertThat(lines).hasSize(2);
        final JsonNode first = Json.mapper().readTree(lines.get(0));
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("logger").asText()).isEqualTo("io.hookgate.dispatcher.Deliveries");
        assertThat(first.get("message").asText()).isEqualTo("Retrying subscription=billing\nsecond line");
        assertThat(first.get("source").asText()).isEqualTo("stripe");
        assertThat(first.get("eventId").asText()).isEqualTo("evt_1");
        assertThat(first.get("ingressId").asText()).isEqualTo("ing-1");
        assertThat(first.get("subscription").asText()).isEqualTo("billing");
        assertThat(first.get("traceId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(first.get("mdc.message").asText()).isEqualTo("an MDC field that would overwrite the message");
        assertThat(first.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z");
        assertThat(first.has("thread")).isTrue();
        final JsonNode second = Json.mapper().readTree(lines.get(1));
        assertThat(second.get("exception").asText()).startsWith("java.lang.IllegalStateException: broken").contains("\tat ");
        assertThat(second.has("source")).isFalse();
    }
}

package io.hookgate.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.event.KeyValuePair;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * {@code logging.format: json}: each event as one JSON object on one line, for log pipelines:
 * {@code timestamp} (ISO-8601, UTC), {@code level}, {@code logger}, {@code thread}, {@code message},
 * then every MDC field at the top level ({@code source}, {@code eventId}, {@code ingressId},
 * {@code subscription}, {@code deliveryId}, {@code traceId} where the work had them; {@code client},
 * {@code userAgent}, {@code reason}, {@code status} on security events), SLF4J key-value pairs
 * likewise, and {@code exception} (the stack trace as one string) when there is one. A field that
 * would overwrite one of the first five is written with the prefix {@code mdc.}. Line breaks in a
 * message stay inside its JSON string, so one event is always one line.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> RESERVED = Set.of("timestamp", "level", "logger", "thread", "message", "exception");
    private static final byte[] NEWLINE = {'\n'};

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(final ILoggingEvent event) {
        final ObjectNode line = MAPPER.createObjectNode();
        line.put("timestamp", event.getInstant().toString());
        line.put("level", event.getLevel().toString());
        line.put("logger", event.getLoggerName());
        line.put("thread", event.getThreadName());
        line.put("message", event.getFormattedMessage());
        final Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach((key, value) -> line.put(RESERVED.contains(key) ? "mdc." + key : key, value));
        }
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                line.put(RESERVED.contains(pair.key) ? "mdc." + pair.key : pair.key, String.valueOf(pair.value));
            }
        }
        final IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.put("exception", ThrowableProxyUtil.asString(thrown));
        }
        try {
            final byte[] json = MAPPER.writeValueAsString(line).getBytes(StandardCharsets.UTF_8);
            final byte[] out = new byte[json.length + 1];
            System.arraycopy(json, 0, out, 0, json.length);
            out[json.length] = NEWLINE[0];
            return out;
        } catch (JsonProcessingException e) {
            // Cannot happen for a tree of strings; never lose the event for it.
            return ("{\"level\":\"ERROR\",\"message\":\"unencodable log event\"}\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}

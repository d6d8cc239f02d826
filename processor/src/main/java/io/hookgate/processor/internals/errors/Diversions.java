package io.hookgate.processor.internals.errors;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsConfig;

import java.util.HashMap;
import java.util.Map;

/** The Streams settings that install the processor's diverting exception handlers. */
public final class Diversions {

    private Diversions() {
    }

    public static Map<String, Object> streamsSettings(final String rejectedTopic, final String rawTopic, final MeterRegistry registry) {
        final Map<String, Object> settings = new HashMap<>(RejectedDiversion.settings(rejectedTopic, rawTopic, registry));
        settings.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DivertingProductionExceptionHandler.class);
        settings.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DivertingProcessingExceptionHandler.class);
        return settings;
    }
}

package io.hookgate.processor.dedup;

import io.hookgate.core.event.DuplicateRecord;
import io.hookgate.core.event.EventRefHeaders;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.time.Clock;

/** Turns a copy the {@link DeduplicationProcessor} dropped into the {@link DuplicateRecord} that says so, read from its headers. */
public final class DuplicateRecords extends ContextualFixedKeyProcessor<String, byte[], DuplicateRecord> {

    private final Clock clock;

    public DuplicateRecords(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(final FixedKeyRecord<String, byte[]> record) {
        context().forward(record.withValue(new DuplicateRecord(DuplicateRecord.SCHEMA_VERSION, EventRefHeaders.read(record.headers()),
            clock.instant())));
    }
}

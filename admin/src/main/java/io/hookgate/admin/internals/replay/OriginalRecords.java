package io.hookgate.admin.internals.replay;

import io.hookgate.admin.internals.errors.Gone;
import io.hookgate.admin.internals.errors.Unavailable;
import io.hookgate.admin.internals.view.OriginalRef;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the original Kafka record of an indexed entry, for replay. */
public interface OriginalRecords {

    /**
     * The record at {@code ref}, as Kafka holds it.
     *
     * @throws Gone        when it is no longer there (retention, compaction, a recreated topic)
     * @throws Unavailable when Kafka does not answer in time
     */
    ConsumerRecord<byte[], byte[]> fetch(OriginalRef ref);
}

package io.hookgate.core.event;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hookgate.core.kafka.HeaderText;
import io.hookgate.core.testing.KafkaRecordText;
import org.apache.kafka.common.header.internals.RecordHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target of the event headers that routing and delivery read instead of the envelope: any
 * headers give an {@link EventRef} or a {@link HeaderText.MalformedHeaderException}, nothing else.
 * Seeds: {@code EventRefHeadersFuzzTestInputs/}.
 */
class EventRefHeadersFuzzTest {

    /** Any headers, as {@link KafkaRecordText}: a reference, or malformed; and what was read writes back to itself. */
    @FuzzTest
    void readReadsAReferenceOrSaysItIsMalformed(final byte[] data) {
        final KafkaRecordText record = KafkaRecordText.parse(data);
        final EventRef ref;
        try {
            ref = EventRefHeaders.read(record.headers());
        } catch (HeaderText.MalformedHeaderException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(ref.id()).isEqualTo(HeaderText.last(record.headers(), EventRefHeaders.ID));
        assertThat(EventRefHeaders.read(EventRefHeaders.write(new RecordHeaders(), ref))).isEqualTo(ref);
    }
}

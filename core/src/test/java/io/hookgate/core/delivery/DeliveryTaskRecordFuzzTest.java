package io.hookgate.core.delivery;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.testing.FuzzText;
import io.hookgate.core.testing.KafkaRecordText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets of the task topics' record format: the dispatcher reads whatever a task record
 * holds and must either get a task or a {@link DeliveryTaskRecord.MalformedTaskException} (which
 * sends the record to the DLQ), never another exception that would stop its loop.
 * Seeds: {@code DeliveryTaskRecordFuzzTestInputs/<method>/}.
 */
class DeliveryTaskRecordFuzzTest {

    /** Latest instant an attempt may carry: its time travels as ISO-8601 text, years 0 to 9999. */
    private static final long LAST_ATTEMPT_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    /** Any headers and value, as {@link KafkaRecordText}: a task, or malformed; and what was read re-encodes to itself. */
    @FuzzTest
    void decodeReadsATaskOrSaysItIsMalformed(final byte[] data) {
        final KafkaRecordText record = KafkaRecordText.parse(data);
        final DeliveryTask task;
        try {
            task = DeliveryTaskRecord.decode(record.headers(), record.value());
        } catch (DeliveryTaskRecord.MalformedTaskException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(task.envelope().bytes()).isEqualTo(record.value());
        assertThat(DeliveryTaskRecord.decode(DeliveryTaskRecord.headers(task), DeliveryTaskRecord.value(task))).isEqualTo(task);
    }

    /** Any task the processor or the dispatcher could write reads back equal. */
    @FuzzTest
    void encodeThenDecodeGivesTheTaskBack(final FuzzedDataProvider data) {
        final List<DeliveryAttempt> attempts = new ArrayList<>();
        final int count = data.consumeInt(0, 4);
        for (int i = 0; i < count; i++) {
            final Instant at = Instant.ofEpochMilli(data.consumeLong(0, LAST_ATTEMPT_MILLIS));
            attempts.add(data.consumeBoolean()
                ? DeliveryAttempt.answered(data.consumeInt(), at, data.consumeInt(), data.consumeLong())
                : DeliveryAttempt.failed(data.consumeInt(), at, FuzzText.utf8(data, 60), data.consumeLong()));
        }
        final EventRef ref = new EventRef(FuzzText.nonEmpty(data, "e", 40), FuzzText.nonEmpty(data, "s", 64),
            FuzzText.nonEmpty(data, "id", 80), data.consumeBoolean() ? FuzzText.utf8(data, 40) : null,
            data.consumeBoolean() ? FuzzText.utf8(data, 20) : null, Instant.ofEpochMilli(data.consumeLong()),
            data.consumeBoolean() ? FuzzText.utf8(data, 40) : null);
        final Instant firstAttemptAt = data.consumeBoolean() ? Instant.ofEpochMilli(data.consumeLong()) : null;
        final DeliveryTask task = new DeliveryTask(DeliveryTask.SCHEMA_VERSION, FuzzText.nonEmpty(data, "d", 40),
            FuzzText.nonEmpty(data, "sub", 64), Instant.ofEpochMilli(data.consumeLong()), firstAttemptAt, attempts, ref,
            RawJson.trusted(FuzzText.nonEmpty(data, "{", 200).getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(DeliveryTaskRecord.decode(DeliveryTaskRecord.headers(task), DeliveryTaskRecord.value(task))).isEqualTo(task);
    }
}

package io.hookgate.core.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import io.hookgate.core.event.EventRefHeaders;
import io.hookgate.core.json.Json;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.kafka.HeaderText;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a {@link DeliveryTask} is stored in {@code dispatch} and the retry topics: the value is the
 * envelope, exactly the bytes every attempt posts; the task's own fields and its event's
 * {@link io.hookgate.core.event.EventRef} are {@code hookgate.*} headers. Delivering a task thus
 * reads a few headers and never parses the envelope.
 */
public final class DeliveryTaskRecord {

    public static final String VERSION = "hookgate.task.version";
    public static final String DELIVERY_ID = "hookgate.task.delivery-id";
    public static final String SUBSCRIPTION = "hookgate.task.subscription";
    public static final String DUE_AT = "hookgate.task.due-at";
    public static final String FIRST_ATTEMPT_AT = "hookgate.task.first-attempt-at";
    /** The attempts so far as a JSON array; absent before the first. */
    public static final String ATTEMPTS = "hookgate.task.attempts";

    private static final TypeReference<List<DeliveryAttempt>> ATTEMPT_LIST = new TypeReference<>() {
    };

    private DeliveryTaskRecord() {
    }

    /** The headers of {@code task}'s record. */
    public static Headers headers(final DeliveryTask task) {
        final RecordHeaders headers = new RecordHeaders();
        HeaderText.put(headers, VERSION, Integer.toString(task.schemaVersion()));
        HeaderText.put(headers, DELIVERY_ID, task.deliveryId());
        HeaderText.put(headers, SUBSCRIPTION, task.subscription());
        HeaderText.putInstant(headers, DUE_AT, task.dueAt());
        HeaderText.putInstant(headers, FIRST_ATTEMPT_AT, task.firstAttemptAt());
        if (!task.attempts().isEmpty()) {
            headers.add(ATTEMPTS, Json.write(task.attempts()));
        }
        EventRefHeaders.write(headers, task.eventRef());
        return headers;
    }

    /** {@code task} as a record of {@code topic}, keyed by its subscription. */
    public static ProducerRecord<String, byte[]> record(final String topic, final DeliveryTask task) {
        return new ProducerRecord<>(topic, null, task.subscription(), value(task), headers(task));
    }

    /** The value of {@code task}'s record: its envelope. */
    public static byte[] value(final DeliveryTask task) {
        if (task.envelope() == null) {
            throw new IllegalArgumentException("a task without its envelope cannot be delivered: " + task.deliveryId());
        }
        return task.envelope().bytes();
    }

    /**
     * Reads a task back. The envelope is taken as written by the processor (it is not re-validated).
     *
     * @throws MalformedTaskException when the record is not a delivery task
     */
    public static DeliveryTask decode(final Headers headers, final byte[] value) {
        if (value == null || value.length == 0) {
            throw new MalformedTaskException("the record has no envelope");
        }
        try {
            final String version = HeaderText.required(headers, VERSION);
            if (!Integer.toString(DeliveryTask.SCHEMA_VERSION).equals(version)) {
                throw new MalformedTaskException("task version " + version + " is not " + DeliveryTask.SCHEMA_VERSION);
            }
            final String attempts = HeaderText.last(headers, ATTEMPTS);
            return new DeliveryTask(DeliveryTask.SCHEMA_VERSION, HeaderText.required(headers, DELIVERY_ID),
                HeaderText.required(headers, SUBSCRIPTION), HeaderText.requiredInstant(headers, DUE_AT),
                HeaderText.instant(headers, FIRST_ATTEMPT_AT),
                attempts == null ? List.of() : Json.mapper().readValue(attempts.getBytes(StandardCharsets.UTF_8), ATTEMPT_LIST),
                EventRefHeaders.read(headers), RawJson.trusted(value));
        } catch (MalformedTaskException e) {
            throw e;
        } catch (HeaderText.MalformedHeaderException e) {
            throw new MalformedTaskException(e.getMessage());
        } catch (java.io.IOException | UncheckedIOException e) {
            throw new MalformedTaskException("header " + ATTEMPTS + " is not a list of attempts");
        } catch (RuntimeException e) {
            // A required value that is there but empty or out of range, for instance.
            throw new MalformedTaskException(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A record of a task topic that is not a delivery task. */
    public static final class MalformedTaskException extends RuntimeException {
        public MalformedTaskException(final String message) {
            super(message);
        }
    }
}

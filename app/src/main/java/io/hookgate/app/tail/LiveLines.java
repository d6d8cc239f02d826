package io.hookgate.app.tail;

import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.event.DuplicateRecord;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.event.EventRefHeaders;
import io.hookgate.core.kafka.HeaderText;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.rejection.RejectionHeaders;
import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads what a record of one of hookgate's topics says happened: {@code ingress.raw} a request
 * received, {@code events.rejected} a rejection and its reason, {@code verified.{source}} a verified
 * event, {@code events.duplicates} a copy dropped, {@code dispatch.attempts} a delivery, a retry or
 * a dead letter. A record it cannot read says so in its line rather than stopping the feed.
 */
final class LiveLines {

    private final Topics topics;
    private final String verifiedPrefix;

    LiveLines(final Topics topics) {
        this.topics = topics;
        this.verifiedPrefix = topics.verified("");
    }

    /** The topics the feed reads, each for what its records tell. */
    private enum Step {
        RECEIVED("received"), REJECTED("rejected"), VERIFIED("verified"), DUPLICATE("duplicate"), ATTEMPT("delivery attempt"),
        OTHER("other");

        private final String word;

        Step(final String word) {
            this.word = word;
        }
    }

    private Step stepOf(final String topic) {
        if (topic.equals(topics.raw())) {
            return Step.RECEIVED;
        }
        if (topic.equals(topics.rejected())) {
            return Step.REJECTED;
        }
        if (topic.startsWith(verifiedPrefix)) {
            return Step.VERIFIED;
        }
        if (topic.equals(topics.duplicates())) {
            return Step.DUPLICATE;
        }
        return topic.equals(topics.attempts()) ? Step.ATTEMPT : Step.OTHER;
    }

    /** What a record of {@code topic} tells, in a word or two, without parsing it ("received", "delivery attempt"). */
    String kindOf(final String topic) {
        return stepOf(topic).word;
    }

    /** The line {@code record} stands for, if its topic is one the feed reads. */
    Optional<LiveLine> of(final ConsumerRecord<byte[], byte[]> record) {
        final Instant at = Instant.ofEpochMilli(record.timestamp());
        final String topic = record.topic();
        try {
            final Step step = stepOf(topic);
            if (step == Step.RECEIVED) {
                return Optional.of(new LiveLine(at, LiveLine.Kind.RECEIVED, header(record, RawRecordCodec.SOURCE),
                    header(record, RawRecordCodec.INGRESS_ID), size(record.value())
                        + (header(record, RawRecordCodec.REPLAY_OF).isEmpty() ? "" : ", replay of " + header(record, RawRecordCodec.REPLAY_OF))));
            }
            if (step == Step.REJECTED) {
                final String reason = RejectionHeaders.reason(record.headers()).map(RejectReason::code).orElse("unknown");
                final String detail = RejectionHeaders.detail(record.headers());
                return Optional.of(new LiveLine(at, LiveLine.Kind.REJECTED, header(record, RawRecordCodec.SOURCE),
                    header(record, RawRecordCodec.INGRESS_ID), reason + (detail == null || detail.isBlank() ? "" : ": " + detail)));
            }
            if (step == Step.VERIFIED) {
                final EventRef ref = EventRefHeaders.read(record.headers());
                return Optional.of(new LiveLine(at, LiveLine.Kind.VERIFIED, ref.source(), ref.eventId(), describe(ref)));
            }
            if (step == Step.DUPLICATE) {
                final DuplicateRecord duplicate = topics.duplicateRecords().values().deserializer().deserialize(topic, record.value());
                final EventRef ref = duplicate.event();
                return Optional.of(new LiveLine(at, LiveLine.Kind.DUPLICATE, ref.source(), ref.eventId(), "dropped, "
                    + (ref.ingressId() == null ? "" : "request " + ref.ingressId() + ", ") + "already seen"));
            }
            if (step == Step.ATTEMPT) {
                return Optional.of(attempt(at, topics.attemptEntries().values().deserializer().deserialize(topic, record.value())));
            }
        } catch (RuntimeException e) {
            return Optional.of(new LiveLine(at, LiveLine.Kind.RECEIVED, "?", topic + "@" + record.partition() + ":" + record.offset(),
                "unreadable record: " + e.getMessage()));
        }
        return Optional.empty();
    }

    private static LiveLine attempt(final Instant at, final AttemptEntry entry) {
        final DeliveryAttempt attempt = entry.attempt();
        final String answer = (attempt.status() != null ? Integer.toString(attempt.status()) : attempt.error()) + " in "
            + attempt.durationMs() + " ms";
        final String to = entry.subscription() + " " + entry.eventRef().eventId();
        final String source = entry.eventRef().source();
        return switch (entry.outcome()) {
            case DELIVERED -> new LiveLine(at, LiveLine.Kind.DELIVERED, source, to, answer
                + (attempt.number() > 1 ? ", attempt " + attempt.number() : ""));
            case RETRY -> new LiveLine(at, LiveLine.Kind.RETRIED, source, to, answer + ", attempt " + attempt.number()
                + "; next try in the " + entry.nextTier() + " tier");
            case DEAD -> new LiveLine(at, LiveLine.Kind.DEAD_LETTERED, source, to, answer + ", attempt " + attempt.number()
                + "; in the DLQ as " + entry.dlqReason().code());
        };
    }

    private static String describe(final EventRef ref) {
        return (ref.type() == null ? "" : "type " + ref.type() + ", ") + "request " + ref.ingressId();
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String key) {
        final String value = HeaderText.last(record.headers(), key);
        return value == null ? "" : value;
    }

    private static String size(final byte[] value) {
        final int length = value == null ? 0 : value.length;
        return length < 1024 ? length + " B" : String.format("%.1f KiB", length / 1024.0);
    }
}

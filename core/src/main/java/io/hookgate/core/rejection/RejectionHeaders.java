package io.hookgate.core.rejection;

import io.hookgate.core.request.RawRecordCodec;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A record of {@code events.rejected} is the raw record unchanged (same value, same headers, so it
 * can be re-injected as is) plus these headers saying why and when it was rejected.
 */
public final class RejectionHeaders {

    public static final String REASON = "hookgate.reject-reason";
    public static final String DETAIL = "hookgate.reject-detail";
    public static final String REJECTED_AT = "hookgate.rejected-at";
    /** On a rejected copy kept without its body, because it would not fit in a record: the body's length. */
    public static final String BODY_DROPPED = "hookgate.body-dropped";

    private RejectionHeaders() {
    }

    /** Adds the rejection's headers to {@code headers}, replacing any earlier rejection's. */
    public static Headers add(final Headers headers, final RejectReason reason, final String detail, final Instant at) {
        headers.remove(REASON);
        headers.remove(DETAIL);
        headers.remove(REJECTED_AT);
        headers.add(REASON, reason.code().getBytes(StandardCharsets.UTF_8));
        headers.add(DETAIL, detail.getBytes(StandardCharsets.UTF_8));
        headers.add(REJECTED_AT, Long.toString(at.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    public static Optional<RejectReason> reason(final Headers headers) {
        return Optional.ofNullable(RawRecordCodec.lastValue(headers, REASON)).flatMap(RejectReason::fromCode);
    }

    public static String detail(final Headers headers) {
        final String detail = RawRecordCodec.lastValue(headers, DETAIL);
        return detail == null ? "" : detail;
    }
}

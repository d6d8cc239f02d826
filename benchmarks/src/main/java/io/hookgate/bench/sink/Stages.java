package io.hookgate.bench.sink;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a delivery's end-to-end latency where the envelope says it passed: the scheduled send time ->
 * {@code receivedAt} (the load generator's own lag, the connection, and the ingress reading the
 * request's head), {@code receivedAt} -> {@code verifiedAt} (the body read and stored in
 * {@code ingress.raw}, the wait there, and the processor's stream thread verifying it; its
 * transaction commits later), {@code verifiedAt} -> received here (the commit, fan-out and the
 * dispatcher). Every clock is the one machine's, so the stages add up to the whole.
 */
final class Stages {

    /** The stage names, in path order. */
    static final List<String> NAMES = List.of("sent->received", "received->verified", "verified->delivered");

    private static final byte[] RECEIVED = "\"receivedAt\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VERIFIED = "\"verifiedAt\":\"".getBytes(StandardCharsets.UTF_8);

    private final Map<String, Histogram> histograms = new LinkedHashMap<>();

    Stages() {
        NAMES.forEach(name -> histograms.put(name, new ConcurrentHistogram(3)));
    }

    /** Records the stages of {@code body}, sent at {@code sentMicros} and received here at {@code nowMicros}, when it has both instants. */
    void record(final byte[] body, final long sentMicros, final long nowMicros) {
        final long received = micros(body, RECEIVED);
        final long verified = micros(body, VERIFIED);
        if (received <= 0 || verified <= 0) {
            return;
        }
        histograms.get(NAMES.get(0)).recordValue(Math.max(0, received - sentMicros));
        histograms.get(NAMES.get(1)).recordValue(Math.max(0, verified - received));
        histograms.get(NAMES.get(2)).recordValue(Math.max(0, nowMicros - verified));
    }

    void reset() {
        histograms.values().forEach(Histogram::reset);
    }

    Map<String, SinkStats.Stage> summary() {
        final Map<String, SinkStats.Stage> summary = new LinkedHashMap<>();
        histograms.forEach((name, histogram) -> {
            if (histogram.getTotalCount() > 0) {
                summary.put(name, new SinkStats.Stage(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(99), histogram.getMaxValue()));
            }
        });
        return summary;
    }

    /** The epoch micros of the ISO instant after {@code marker} in {@code body}, or 0 when there is none. */
    static long micros(final byte[] body, final byte[] marker) {
        final int at = indexOf(body, marker);
        if (at < 0) {
            return 0;
        }
        final int start = at + marker.length;
        int end = start;
        while (end < body.length && body[end] != '"') {
            end++;
        }
        try {
            final Instant instant = Instant.parse(new String(body, start, end - start, StandardCharsets.US_ASCII));
            return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    /** Where {@code marker} first occurs in {@code body}, or -1. */
    static int indexOf(final byte[] body, final byte[] marker) {
        outer:
        for (int i = 0; i <= body.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (body[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

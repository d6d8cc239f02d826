package io.hookgate.app.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * End-to-end latencies of a fail-over run: from when an event was due at the provider to its first
 * delivery at the receiver, over every acknowledged event; and the pause each kill caused, the
 * longest latency of the events due between it and the next kill.
 */
final class FailoverReport {

    /** One kill: what was killed, and when. */
    record Kill(String what, Instant at) {
    }

    /** The pause after a kill: the longest latency of the events due until the next one. */
    record Pause(String what, Duration longest, int events) {
    }

    private final List<Duration> latencies;
    private final List<Pause> pauses = new ArrayList<>();
    private final Duration beforeKills;

    /** Latencies of the events of {@code due} delivered at {@code delivered} (first delivery per id). */
    FailoverReport(final Map<String, Instant> due, final Map<String, Instant> delivered, final List<Kill> kills, final Instant end) {
        latencies = due.entrySet().stream().filter(event -> delivered.containsKey(event.getKey()))
            .map(event -> Duration.between(event.getValue(), delivered.get(event.getKey()))).sorted().toList();
        beforeKills = longest(due, delivered, Instant.MIN, kills.isEmpty() ? end : kills.get(0).at()).longest();
        for (int i = 0; i < kills.size(); i++) {
            final Kill kill = kills.get(i);
            final Instant until = i + 1 < kills.size() ? kills.get(i + 1).at() : end;
            final Pause window = longest(due, delivered, kill.at(), until);
            pauses.add(new Pause(kill.what(), window.longest(), window.events()));
        }
    }

    Duration percentile(final double share) {
        if (latencies.isEmpty()) {
            return Duration.ZERO;
        }
        return latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(share * latencies.size()) - 1));
    }

    List<Pause> pauses() {
        return List.copyOf(pauses);
    }

    /** The report as printed: one line overall, one per kill. */
    String text() {
        final StringBuilder out = new StringBuilder();
        out.append(String.format("end to end over %d events: p50 %s, p99 %s, max %s; longest before the kills %s%n",
            latencies.size(), seconds(percentile(0.50)), seconds(percentile(0.99)), seconds(percentile(1.0)), seconds(beforeKills)));
        pauses.forEach(pause -> out.append(String.format("  after kill -9 of %s: longest %s over the %d events due until the next kill%n",
            pause.what(), seconds(pause.longest()), pause.events())));
        return out.toString();
    }

    private static Pause longest(final Map<String, Instant> due, final Map<String, Instant> delivered, final Instant from,
                                 final Instant until) {
        final List<Duration> window = due.entrySet().stream()
            .filter(event -> !event.getValue().isBefore(from) && event.getValue().isBefore(until))
            .filter(event -> delivered.containsKey(event.getKey()))
            .map(event -> Duration.between(event.getValue(), delivered.get(event.getKey()))).toList();
        return new Pause("", window.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO), window.size());
    }

    private static String seconds(final Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}

package io.hookgate.core.logging;

import io.github.bucket4j.Bucket;
import io.hookgate.core.metrics.MeterCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Security events of one part: each request it refuses, logged under the logger
 * {@value #LOGGER_NAME} with the source, client address, user agent, status and reason (also as
 * MDC fields, for {@code logging.format: json}), and counted in {@code hookgate.<part>.refused} by
 * source, reason and status. At most {@code perMinute} lines are logged a minute (a token bucket
 * with that capacity, refilled over the minute): the rest are counted in
 * {@code hookgate.security.log.suppressed} and summed up, by reason, in one line at most once a
 * minute ({@link #summarise()}, also done by the next event after a minute). So a flood of forged
 * or misdirected requests costs a few lines a minute, and still shows in full in the metrics.
 * Refusals of credentials or addresses (401, 403) are logged at WARN, the others (404, 413, 429,
 * ...) at INFO. What the client sent (user agent, path) is cut to a bounded length and stripped
 * of control characters, so it can forge no log line. Thread-safe.
 */
public final class SecurityLog {

    public static final String LOGGER_NAME = "io.hookgate.security";
    /** MDC fields of a security event, beside {@link LogContext#SOURCE}. */
    public static final String CLIENT = "client";
    public static final String USER_AGENT = "userAgent";
    public static final String REASON = "reason";
    public static final String STATUS = "status";

    static final int MAX_TEXT = 256;
    private static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private final MeterRegistry registry;
    private final String metric;
    private final int perMinute;
    private final Bucket lines;
    private final MeterCache meters = new MeterCache();
    private final Counter suppressedTotal;
    private final Map<String, LongAdder> suppressed = new ConcurrentHashMap<>();
    private final AtomicLong lastSummaryNanos = new AtomicLong(System.nanoTime());

    /**
     * @param part      the part whose refusals these are ({@code ingress}, {@code admin}): the metric is
     *                  {@code hookgate.<part>.refused}
     * @param perMinute the most lines logged a minute
     */
    public SecurityLog(final MeterRegistry registry, final String part, final int perMinute) {
        this.registry = registry;
        this.metric = "hookgate." + part + ".refused";
        this.perMinute = perMinute;
        this.lines = Bucket.builder().addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, SUMMARY_EVERY)).build();
        this.suppressedTotal = Counter.builder("hookgate.security.log.suppressed")
            .description("Security events counted but not logged, because more came than logging.securityEventsPerMinute")
            .tag("part", part).register(registry);
    }

    /**
     * One refused request.
     *
     * @param source    the source id (a configured one, or {@code unknown})
     * @param client    the client address
     * @param userAgent the User-Agent sent, or null
     * @param status    the status answered
     * @param reason    the stable error code answered ({@code ip_not_allowed}, ...)
     * @param detail    what else helps (the path asked for, ...), or null; cleaned like the user agent
     */
    public void refused(final String source, final String client, final String userAgent, final int status, final String reason,
                        final String detail) {
        meters.<Counter>get(source + ' ' + reason + ' ' + status, () -> Counter.builder(metric)
            .description("Requests refused, by source, reason and status (security events)")
            .tag("source", source).tag("reason", reason).tag("status", Integer.toString(status)).register(registry)).increment();
        summariseIfDue();
        if (!lines.tryConsume(1)) {
            suppressed.computeIfAbsent(reason, ignored -> new LongAdder()).increment();
            suppressedTotal.increment();
            return;
        }
        final String agent = userAgent == null ? null : clean(userAgent);
        final Level level = status == 401 || status == 403 ? Level.WARN : Level.INFO;
        try (LogContext ignored = LogContext.of(LogContext.SOURCE, source).and(CLIENT, client).and(USER_AGENT, agent)
            .and(REASON, reason).and(STATUS, Integer.toString(status))) {
            LOG.atLevel(level).log("Refused {} {} source={} client={} userAgent={}{}", status, reason, source, client,
                agent == null ? "-" : '"' + agent.replace("\\", "\\\\").replace("\"", "\\\"") + '"',
                detail == null ? "" : " " + clean(detail));
        }
    }

    /** Logs how many events were not logged since the last summary, by reason; nothing when none were. */
    public void summarise() {
        lastSummaryNanos.set(System.nanoTime());
        final Map<String, Long> byReason = new TreeMap<>();
        suppressed.forEach((reason, count) -> {
            final long n = count.sumThenReset();
            if (n > 0) {
                byReason.put(reason, n);
            }
        });
        if (!byReason.isEmpty()) {
            LOG.warn("{} security events not logged in the last minute (at most {} lines a minute; all are counted in the metrics): {}",
                byReason.values().stream().mapToLong(Long::longValue).sum(), perMinute, byReason);
        }
    }

    private void summariseIfDue() {
        final long last = lastSummaryNanos.get();
        if (System.nanoTime() - last >= SUMMARY_EVERY.toNanos() && lastSummaryNanos.compareAndSet(last, System.nanoTime())) {
            summarise();
        }
    }

    /** {@code text} cut to {@value #MAX_TEXT} characters, every control or non-ASCII character a {@code ?}. */
    static String clean(final String text) {
        final int length = Math.min(text.length(), MAX_TEXT);
        final StringBuilder out = new StringBuilder(length + 3);
        for (int i = 0; i < length; i++) {
            final char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > MAX_TEXT) {
            out.append("...");
        }
        return out.toString();
    }
}

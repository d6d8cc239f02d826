package io.hookgate.bench.load;

import java.util.Map;

/**
 * What a {@link LoadGenerator} run did, as it prints it ({@code REPORT <json>}).
 *
 * @param sent            requests sent
 * @param ok              answered 2xx: stored by the ingress
 * @param non2xx          answered otherwise
 * @param errors          no answer (connection failed or closed)
 * @param firstSendMicros epoch micros of the first send
 * @param lastSendMicros  epoch micros of the last send
 * @param lastDoneMicros  epoch micros of the last answer
 * @param maxLagMillis    open loop: how far behind its schedule the generator fell at worst
 * @param ackP50Micros    median time from (scheduled) send to answer
 * @param ackP99Micros    99th percentile of the same
 * @param okPerSecond     2xx answers by epoch second
 */
public record LoadReport(long sent, long ok, long non2xx, long errors, long firstSendMicros, long lastSendMicros,
                         long lastDoneMicros, double maxLagMillis, long ackP50Micros, long ackP99Micros,
                         Map<Long, Long> okPerSecond) {

    /** Sends per second, first to last send: the offered rate. */
    public double sendRate() {
        return sent < 2 ? 0 : (sent - 1) / ((lastSendMicros - firstSendMicros) / 1e6);
    }

    /** 2xx answers per second, from the first send to the last one: the rate an open loop achieved. */
    public double okSendRate() {
        return ok < 2 ? 0 : (ok - 1) / ((lastSendMicros - firstSendMicros) / 1e6);
    }

    /** 2xx answers per second, from the first send to the last answer: the rate the ingress took them. */
    public double okRate() {
        return ok / ((lastDoneMicros - firstSendMicros) / 1e6);
    }
}

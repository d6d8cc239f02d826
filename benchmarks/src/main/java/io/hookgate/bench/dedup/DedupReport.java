package io.hookgate.bench.dedup;

import java.util.List;

/**
 * What a {@link DedupRun} measured, as it prints it ({@code REPORT <json>}).
 *
 * @param keys           dedup keys stored before the timed events
 * @param prefillSeconds how long storing them took
 * @param warmupEvents   new signed events piped first, untimed
 * @param events         new signed events piped through the topology, timed
 * @param seconds        the time piping them took
 * @param batchRates     events per second of each batch, in order
 * @param verified       verified events the topology published, warm-up included (all, when none was a duplicate)
 * @param rejected       requests it rejected (none, when every signature verified)
 * @param storeEntries   RocksDB's estimate of the keys in {@code dedup-seen} at the end
 * @param stateBytes     bytes of the state directory at the end
 */
public record DedupReport(long keys, double prefillSeconds, long warmupEvents, long events, double seconds, List<Double> batchRates, long verified,
                          long rejected, long storeEntries, long stateBytes) {

    public double rate() {
        return events / seconds;
    }
}

package io.hookgate.bench.sink;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SinkStatsTest {

    /** 100 deliveries in each of 10 buckets of 100 ms from epoch millis 1000, then one straggler at 5000. */
    private static final SinkStats.PathStats DRAIN = new SinkStats.PathStats(1001, 1_000_000, 5_000_000, buckets());

    private static Map<Long, Long> buckets() {
        final Map<Long, Long> buckets = new TreeMap<>();
        for (long bucket = 10; bucket < 20; bucket++) {
            buckets.put(bucket, 100L);
        }
        buckets.put(50L, 1L);
        return buckets;
    }

    @Test
    void aWindowIsReadFromTheBucketsWithoutTheStraggler() {
        assertThat(DRAIN.secondsBetween(0, 1000, 100)).isCloseTo(1.0, within(1e-9));
        assertThat(DRAIN.secondsBetween(200, 1000, 100)).isCloseTo(0.8, within(1e-9));
        assertThat(DRAIN.seconds()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void aWindowPastWhatArrivedEndsAtTheLastDelivery() {
        assertThat(DRAIN.secondsBetween(0, 2000, 100)).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void pathsUnderAPrefixAreSummed() {
        final SinkStats stats = new SinkStats(100, Map.of(
            "/iso/a/1", new SinkStats.PathStats(2, 1_000_000, 1_100_000, Map.of(10L, 1L, 11L, 1L)),
            "/iso/a/2", new SinkStats.PathStats(1, 900_000, 900_000, Map.of(9L, 1L)),
            "/hang/a", new SinkStats.PathStats(5, 0, 0, Map.of())), null);
        final SinkStats.PathStats under = stats.under("/iso/a/");
        assertThat(under.count()).isEqualTo(3);
        assertThat(under.firstMicros()).isEqualTo(900_000);
        assertThat(under.lastMicros()).isEqualTo(1_100_000);
        assertThat(under.buckets()).containsOnlyKeys(9L, 10L, 11L);
    }
}

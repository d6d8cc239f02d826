package io.hookgate.admin.internals.view;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptStatsTest {

    @Test
    void percentilesAreTheUpperBoundOfTheirBucketAtMostATenthAboveTheExactValue() {
        final Random random = new Random(42);
        AttemptStats stats = AttemptStats.none();
        final long[] durations = new long[5000];
        for (int i = 0; i < durations.length; i++) {
            durations[i] = (long) Math.exp(random.nextDouble() * Math.log(120_000));
            stats = stats.plus(i % 3 != 0, durations[i]);
        }
        Arrays.sort(durations);
        for (double quantile : new double[] {0.5, 0.9, 0.99, 1.0}) {
            final long exact = durations[(int) Math.ceil(quantile * durations.length) - 1];
            assertThat(stats.percentileMs(quantile)).as("p" + quantile).isBetween(exact, (long) Math.ceil(exact * 1.1) + 1);
        }
        assertThat(stats.attempts()).isEqualTo(5000);
        assertThat(stats.delivered()).isEqualTo(3333);
        final AttemptStats read = AttemptStats.of(stats.bytes());
        assertThat(read.percentileMs(0.99)).isEqualTo(stats.percentileMs(0.99));
        assertThat(read.delivered()).isEqualTo(stats.delivered());
    }

    @Test
    void sumsAddUpAndTheLongestBoundsTheLastBucket() {
        final AttemptStats a = AttemptStats.none().plus(true, 5).plus(false, 2_000_000);
        final AttemptStats b = AttemptStats.none().plus(true, 7);
        final AttemptStats sum = a.plus(b);
        assertThat(sum.attempts()).isEqualTo(3);
        assertThat(sum.failed()).isEqualTo(1);
        assertThat(sum.percentileMs(1.0)).isEqualTo(2_000_000);
        assertThat(sum.percentileMs(0.33)).isEqualTo(5);
        assertThat(sum.percentileMs(0.5)).isEqualTo(7);
        assertThat(AttemptStats.none().successRate()).isNull();
        assertThat(AttemptStats.of(null).attempts()).isZero();
    }
}

package io.hookgate.dispatcher.internals.loop;

import io.hookgate.core.testing.ManualTicker;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionProgressTest {

    private final ManualTicker ticker = new ManualTicker();

    @Test
    void commitsOnlyUpToTheHighestContiguousCompletedOffset() {
        final PartitionProgress progress = new PartitionProgress(ticker);
        progress.started(10);
        progress.started(11);
        progress.started(12);
        progress.completed(11);
        progress.completed(12);
        assertThat(progress.toCommit()).as("10 is still in flight").isEqualTo(-1);
        assertThat(progress.pending()).isEqualTo(1);
        assertThat(progress.window()).isEqualTo(3);
        progress.completed(10);
        assertThat(progress.toCommit()).isEqualTo(13);
        assertThat(progress.pending()).isZero();
        assertThat(progress.window()).isZero();
        progress.markCommitted(13);
        assertThat(progress.toCommit()).isEqualTo(-1);
    }

    @Test
    void ignoresCompletionsOfOffsetsItNeverStarted() {
        final PartitionProgress progress = new PartitionProgress(ticker);
        progress.started(5);
        progress.completed(4);
        assertThat(progress.toCommit()).isEqualTo(-1);
        progress.completed(5);
        assertThat(progress.toCommit()).isEqualTo(6);
    }

    @Test
    void measuresHowLongTheCommitPointStoodStillWhileTasksWaited() {
        final PartitionProgress progress = new PartitionProgress(ticker);
        assertThat(progress.stalledNanos(ticker.read())).as("nothing waits").isZero();
        progress.started(1);
        progress.started(2);
        ticker.advance(Duration.ofMillis(30));
        progress.completed(2);
        // 2 completed behind 1: the commit point did not move, so the stall goes on.
        assertThat(progress.stalledNanos(ticker.read())).isEqualTo(30_000_000L);
        progress.completed(1);
        assertThat(progress.stalledNanos(ticker.read())).isZero();
        progress.started(3);
        ticker.advance(Duration.ofMillis(5));
        assertThat(progress.stalledNanos(ticker.read())).as("measured from the new wait").isEqualTo(5_000_000L);
    }
}

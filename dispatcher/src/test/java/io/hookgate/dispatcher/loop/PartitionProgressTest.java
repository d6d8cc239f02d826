package io.hookgate.dispatcher.loop;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionProgressTest {

    @Test
    void commitsOnlyUpToTheHighestContiguousCompletedOffset() {
        final PartitionProgress progress = new PartitionProgress();
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
        final PartitionProgress progress = new PartitionProgress();
        progress.started(5);
        progress.completed(4);
        assertThat(progress.toCommit()).isEqualTo(-1);
        progress.completed(5);
        assertThat(progress.toCommit()).isEqualTo(6);
    }

    @Test
    void measuresHowLongTheCommitPointStoodStillWhileTasksWaited() throws Exception {
        final PartitionProgress progress = new PartitionProgress();
        assertThat(progress.stalledNanos(System.nanoTime())).as("nothing waits").isZero();
        progress.started(1);
        progress.started(2);
        Thread.sleep(30);
        progress.completed(2);
        // 2 completed behind 1: the commit point did not move, so the stall goes on.
        assertThat(progress.stalledNanos(System.nanoTime())).isGreaterThanOrEqualTo(25_000_000L);
        progress.completed(1);
        assertThat(progress.stalledNanos(System.nanoTime())).isZero();
        progress.started(3);
        assertThat(progress.stalledNanos(System.nanoTime())).isLessThan(25_000_000L);
    }
}

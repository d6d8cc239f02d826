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
}

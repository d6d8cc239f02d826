package io.hookgate.app.dev;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HangingTransactionsTest {

    private static final TopicPartition OFFSETS = new TopicPartition("__consumer_offsets", 1);
    private static final TopicPartition VERIFIED = new TopicPartition("crash.verified.demo", 0);
    private static final TopicPartition DISPATCH = new TopicPartition("crash.dispatch", 2);

    /** Producer 2 at epoch 12 with a transaction open since offset 49: what the crash left on 14 partitions. */
    private static final ProducerState OPEN = open(12);

    private static ProducerState open(final int epoch) {
        return new ProducerState(2L, epoch, 2, 1_000L, OptionalInt.of(0), OptionalLong.of(49));
    }

    private static ProducerState closed(final int epoch) {
        return new ProducerState(2L, epoch, 2, 1_000L, OptionalInt.of(0), OptionalLong.empty());
    }

    private static TransactionDescription coordinator(final TransactionState state, final int epoch, final Set<TopicPartition> partitions) {
        return new TransactionDescription(1, state, 2L, epoch, 10_000, OptionalLong.empty(), partitions);
    }

    @Test
    void anOpenTransactionTheCoordinatorHoldsAsCompleteIsHanging() {
        // The crash: markers skipped, COMPLETE_COMMIT recorded at the bumped epoch 13, the partitions still open at 12.
        assertThat(HangingTransactions.isHanging(OPEN, coordinator(TransactionState.COMPLETE_COMMIT, 13, Set.of()))).isTrue();
        assertThat(HangingTransactions.isHanging(OPEN, coordinator(TransactionState.COMPLETE_ABORT, 13, Set.of()))).isTrue();
        assertThat(HangingTransactions.isHanging(OPEN, coordinator(TransactionState.EMPTY, 14, Set.of()))).isTrue();
        // Transaction version 1 ends a transaction without a bump: the same epoch.
        assertThat(HangingTransactions.isHanging(OPEN, coordinator(TransactionState.COMPLETE_COMMIT, 12, Set.of()))).isTrue();
    }

    @Test
    void anOpenTransactionNoCoordinatorKnowsIsHanging() {
        assertThat(HangingTransactions.isHanging(OPEN, null)).isTrue();
    }

    @Test
    void whatTheCoordinatorStillHoldsOpenOrIsPreparingIsNeverTouchedEvenWithoutThisPartition() {
        for (TransactionState state : Set.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT,
            TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE)) {
            assertThat(HangingTransactions.isHanging(OPEN, coordinator(state, 12, Set.of(OFFSETS)))).as(state.toString()).isFalse();
            // Its markers may be on their way, each partition leaving the list as it gets one.
            assertThat(HangingTransactions.isHanging(OPEN, coordinator(state, 12, Set.of()))).as(state + ", no partitions").isFalse();
        }
    }

    @Test
    void aCompleteTransactionAtAnOlderEpochThanThePartitionsIsNotTheOneOpenThere() {
        assertThat(HangingTransactions.isHanging(open(15), coordinator(TransactionState.COMPLETE_COMMIT, 13, Set.of()))).isFalse();
    }

    @Test
    void aProducerWithNoOpenTransactionIsNeverHanging() {
        assertThat(HangingTransactions.isHanging(closed(12), null)).isFalse();
    }

    @Test
    void aPartitionWhereTheProducerClosedALaterEpochShowsTheTransactionMayHaveCommittedThere() {
        final Map<TopicPartition, List<ProducerState>> producers = Map.of(
            OFFSETS, List.of(OPEN),
            VERIFIED, List.of(closed(13)),
            // Closed by the marker of the transaction before: not evidence of a split.
            DISPATCH, List.of(closed(12)));
        assertThat(HangingTransactions.closedLater(producers, 2L, 12)).containsExactly(VERIFIED);
        assertThat(HangingTransactions.closedLater(Map.of(OFFSETS, List.of(OPEN), DISPATCH, List.of(closed(12))), 2L, 12)).isEmpty();
    }

    @Test
    void theAbortNamesThePartitionProducerEpochAndCoordinatorEpoch() {
        final AbortTransactionSpec abort = HangingTransactions.abortOf(OFFSETS, OPEN);
        assertThat(abort.topicPartition()).isEqualTo(OFFSETS);
        assertThat(abort.producerId()).isEqualTo(2L);
        assertThat(abort.producerEpoch()).isEqualTo((short) 12);
        assertThat(abort.coordinatorEpoch()).isZero();
    }
}

package io.hookgate.app.dev;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult;
import org.apache.kafka.clients.admin.DescribeTransactionsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.TransactionCoordinatorFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Finds and aborts the transactions a crash of the dev broker left hanging: what
 * {@code kafka-transactions.sh find-hanging} and {@code abort} do by hand, run by the dev broker
 * on every start before any client of this process.
 *
 * <p>Why: the single-node dev broker, killed while a transaction was between its commit decision
 * and its markers, once came back with that transaction recorded as complete and no marker on any
 * of its 14 partitions. Such partitions keep an open transaction that no marker will ever close:
 * read_committed consumers stop at it, and the group coordinator answers "unstable offsets" for the
 * processor's group, so the processor never leaves REBALANCING. Aborting it on every partition ends
 * the hang, and when no marker got through it is consistent: the processor reads that input again,
 * and no read_committed reader saw any of it. When some markers did get through (the transaction
 * committed on some partitions), the abort still ends the hang but that transaction is no longer
 * all-or-nothing; that is logged as an error naming the partitions.
 *
 * <p>A partition's open transaction is hanging when the coordinator will not close it: it knows no
 * transaction of that producer id, or holds it as complete or empty at the same or a later epoch.
 * One the coordinator still holds as ongoing or being prepared is never touched; while any is being
 * prepared the check waits for it (up to {@link #SETTLE}), since its markers may yet be skipped.
 * The repair never stops the broker from starting: whatever goes wrong is logged and skipped.
 */
final class HangingTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);
    /** How long the check waits for the coordinator to settle transactions it is preparing. */
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<TransactionState> PREPARING = EnumSet.of(TransactionState.PREPARE_COMMIT,
        TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);
    /** The coordinator states in which it writes no more markers for the transaction. */
    private static final Set<TransactionState> SETTLED = EnumSet.of(TransactionState.COMPLETE_COMMIT,
        TransactionState.COMPLETE_ABORT, TransactionState.EMPTY);

    private HangingTransactions() {
    }

    /**
     * Whether {@code producer}'s open transaction on a partition is hanging, given {@code coordinatorView}:
     * the coordinator's description of the transactional id holding that producer id, null for none.
     */
    static boolean isHanging(final ProducerState producer, final TransactionDescription coordinatorView) {
        if (producer.currentTransactionStartOffset().isEmpty()) {
            return false;
        }
        return coordinatorView == null
            || SETTLED.contains(coordinatorView.state()) && coordinatorView.producerEpoch() >= producer.producerEpoch();
    }

    /**
     * The partitions where {@code producerId} wrote at a later epoch than {@code hangingEpoch} and has
     * nothing open: where a marker of the hanging transaction (or a later one) got through.
     */
    static Set<TopicPartition> closedLater(final Map<TopicPartition, List<ProducerState>> producers, final long producerId,
                                           final int hangingEpoch) {
        return producers.entrySet().stream()
            .filter(entry -> entry.getValue().stream().anyMatch(producer -> producer.producerId() == producerId
                && producer.producerEpoch() > hangingEpoch && producer.currentTransactionStartOffset().isEmpty()))
            .map(Map.Entry::getKey)
            .collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(TopicPartition::toString))));
    }

    /** The abort that closes {@code producer}'s open transaction on {@code partition}. */
    static AbortTransactionSpec abortOf(final TopicPartition partition, final ProducerState producer) {
        return new AbortTransactionSpec(partition, producer.producerId(), (short) producer.producerEpoch(),
            producer.coordinatorEpoch().orElse(-1));
    }

    /** Aborts every hanging transaction on the broker {@code admin} talks to; returns what it aborted (none when the check failed). */
    static List<AbortTransactionSpec> abortAll(final Admin admin) {
        final long started = System.nanoTime();
        try {
            final Map<Long, TransactionDescription> coordinatorViews = settledCoordinatorViews(admin);
            final Map<TopicPartition, List<ProducerState>> producers = producers(admin);
            final List<AbortTransactionSpec> aborts = new ArrayList<>();
            producers.forEach((partition, states) -> states.stream()
                .filter(producer -> isHanging(producer, coordinatorViews.get(producer.producerId())))
                .forEach(producer -> aborts.add(abortOf(partition, producer))));
            report(aborts, producers);
            final List<AbortTransactionSpec> done = new ArrayList<>();
            for (AbortTransactionSpec abort : aborts) {
                if (abortOne(admin, abort)) {
                    done.add(abort);
                }
            }
            LOG.debug("Checked for hanging transactions in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Could not check the dev broker for transactions a crash left hanging ({}); going on without", e.toString());
            return List.of();
        }
    }

    private static void report(final List<AbortTransactionSpec> aborts, final Map<TopicPartition, List<ProducerState>> producers) {
        aborts.stream().collect(Collectors.groupingBy(AbortTransactionSpec::producerId, TreeMap::new, Collectors.toList()))
            .forEach((producerId, ofProducer) -> {
                final Set<String> partitions = ofProducer.stream().map(abort -> abort.topicPartition().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
                final int epoch = ofProducer.stream().mapToInt(AbortTransactionSpec::producerEpoch).min().orElseThrow();
                final Set<TopicPartition> committedElsewhere = closedLater(producers, producerId, epoch);
                LOG.warn("Aborting the transaction of producer id {} (epoch {}) that a crash left hanging, on {} partitions: {}",
                    producerId, epoch, partitions.size(), partitions);
                if (!committedElsewhere.isEmpty()) {
                    LOG.error("Producer id {} has nothing open at a later epoch on {}: if the hanging transaction was committed "
                        + "there, aborting it elsewhere splits it (its events may be delivered twice or missing from {})",
                        producerId, committedElsewhere, partitions);
                }
            });
    }

    /** Aborts one partition's hanging transaction; false when that failed (logged). */
    private static boolean abortOne(final Admin admin, final AbortTransactionSpec abort) throws InterruptedException {
        try {
            admin.abortTransaction(abort).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvalidProducerEpochException || e.getCause() instanceof TransactionCoordinatorFencedException) {
                LOG.info("The transaction on {} was closed meanwhile ({})", abort.topicPartition(), e.getCause().toString());
            } else {
                LOG.warn("Could not abort the hanging transaction on {}: {}", abort.topicPartition(), e.getCause().toString());
            }
            return false;
        } catch (TimeoutException e) {
            LOG.warn("Aborting the hanging transaction on {} timed out", abort.topicPartition());
            return false;
        }
    }

    /**
     * Producer id to the coordinator's description of the transactional id holding it, once no
     * transaction is being prepared (or {@link #SETTLE} has passed).
     */
    private static Map<Long, TransactionDescription> settledCoordinatorViews(final Admin admin)
        throws InterruptedException, ExecutionException, TimeoutException {
        final long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            final Collection<TransactionListing> listings = admin.listTransactions(new ListTransactionsOptions())
                .all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            final boolean preparing = listings.stream().anyMatch(listing -> PREPARING.contains(listing.state()));
            if (!preparing || System.nanoTime() > deadline) {
                return describe(admin, listings);
            }
            Thread.sleep(200);
        }
    }

    private static Map<Long, TransactionDescription> describe(final Admin admin, final Collection<TransactionListing> listings)
        throws InterruptedException {
        final Map<Long, TransactionDescription> byProducerId = new HashMap<>();
        final List<String> transactionalIds = listings.stream().map(TransactionListing::transactionalId).toList();
        final DescribeTransactionsResult described = admin.describeTransactions(transactionalIds);
        for (String transactionalId : transactionalIds) {
            try {
                final TransactionDescription description = described.description(transactionalId)
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                byProducerId.put(description.producerId(), description);
            } catch (ExecutionException | TimeoutException e) {
                // Unknown to the coordinator after all (expired meanwhile): its producer id has no view, as if never listed.
                LOG.debug("No description of transactional id {}: {}", transactionalId, e.toString());
            }
        }
        return byProducerId;
    }

    /** Partition to the producers the broker keeps state for; a partition that does not answer is skipped. */
    static Map<TopicPartition, List<ProducerState>> producers(final Admin admin)
        throws InterruptedException, ExecutionException, TimeoutException {
        final Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
            .names().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        final Collection<TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
            .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).values();
        final List<TopicPartition> partitions = descriptions.stream()
            .flatMap(topic -> topic.partitions().stream().map(info -> new TopicPartition(topic.name(), info.partition())))
            .toList();
        final Map<TopicPartition, List<ProducerState>> producers = new HashMap<>();
        final DescribeProducersResult results = admin.describeProducers(partitions);
        for (TopicPartition partition : partitions) {
            try {
                producers.put(partition, results.partitionResult(partition).get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .activeProducers());
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Could not read the producers of {} ({}); not checked for a hanging transaction", partition, e.toString());
            }
        }
        return producers;
    }
}

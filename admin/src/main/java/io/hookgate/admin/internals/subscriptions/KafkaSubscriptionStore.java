package io.hookgate.admin.internals.subscriptions;

import io.hookgate.admin.internals.errors.Conflict;
import io.hookgate.admin.internals.errors.Unavailable;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.topics.Topic;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.RetriableException;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link SubscriptionStore} of the cluster, over the process's {@link Subscriptions} (the
 * table that follows the topic): a read waits for {@link Subscriptions#sync()}, so it sees every
 * write acknowledged before it, then answers the table's record as written. A write checks, once
 * more synced, that the record is still the one the change started from ({@code 409
 * subscription_changed} if not), goes through the admin's idempotent producer ({@code acks=all}),
 * then waits for the sync that puts it in force here.
 *
 * <p>The check narrows, but cannot close, the window of two writers at once: two admins whose
 * checks both pass before either write lands still both write (the last one wins). One admin
 * replica changing subscriptions at a time is what makes every change safe (docs/SUBSCRIPTIONS.md).
 *
 * <p>Failures are typed: Kafka not answering in time is {@link Unavailable} (503); Kafka refusing
 * a write for good, or the table no longer following the topic, is an {@link IllegalStateException}
 * (an internal error, logged).
 */
public final class KafkaSubscriptionStore implements SubscriptionStore {

    private final Topic<String, SubscriptionRecord> topic;
    private final Producer<byte[], byte[]> producer;
    private final Subscriptions subscriptions;
    private final Duration timeout;

    /**
     * @param producer      idempotent, {@code acks=all}; not closed here
     * @param subscriptions the subscriptions in force in this process, following the topic; not closed here
     * @param timeout       the longest wait for Kafka, for each of: a sync, the acknowledgement
     */
    public KafkaSubscriptionStore(final HookgateConfig config, final Producer<byte[], byte[]> producer, final Subscriptions subscriptions,
                                  final Duration timeout) {
        this(new Topics(config.kafka().topicPrefix()).subscriptionRecords(), producer, subscriptions, timeout);
    }

    KafkaSubscriptionStore(final Topic<String, SubscriptionRecord> topic, final Producer<byte[], byte[]> producer,
                           final Subscriptions subscriptions, final Duration timeout) {
        this.topic = topic;
        this.producer = producer;
        this.subscriptions = subscriptions;
        this.timeout = timeout;
    }

    @Override
    public Optional<SubscriptionRecord> stored(final String id) {
        sync("the subscriptions of this process stopped following topic " + topic.name(), "could not read topic " + topic.name()
            + " to its end within " + timeout.toSeconds() + " s");
        return subscriptions.record(id);
    }

    @Override
    public synchronized void write(final String id, final Optional<SubscriptionRecord> base, final SubscriptionRecord record) {
        Objects.requireNonNull(record, "record");
        final String change = "the change of subscription " + id;
        sync(change + " was not written: the subscriptions of this process stopped following topic " + topic.name(),
            change + " was not written: could not read topic " + topic.name() + " to its end within " + timeout.toSeconds() + " s");
        if (!subscriptions.record(id).equals(base)) {
            throw new Conflict("subscription_changed", "subscription " + id + " changed since this change began (another admin, "
                + "or a dispatcher disabling it): nothing written; read it again, then retry");
        }
        try {
            producer.send(topic.record(id, record)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                throw new Unavailable("Kafka did not take " + change + ": " + e.getCause().getMessage(), e.getCause());
            }
            throw new IllegalStateException("Kafka refused " + change + ": " + e.getCause(), e.getCause());
        } catch (RetriableException e) {
            // send() itself throws when the topic's metadata does not come in time.
            throw new Unavailable("Kafka did not take " + change + ": " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new Unavailable("Kafka did not acknowledge " + change + " in " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for Kafka to acknowledge " + change, e);
        }
        sync(change + " is stored, but the subscriptions of this process stopped following topic " + topic.name(),
            change + " is stored in Kafka, but not yet read back here within " + timeout.toSeconds() + " s; it will be in force shortly");
    }

    /**
     * Waits for the table to have every write made so far.
     *
     * @param stopped what to say when the table no longer follows the topic (an internal error)
     * @param late    what to say when it did not catch up in time (a 503)
     */
    private void sync(final String stopped, final String late) {
        try {
            subscriptions.sync().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(stopped + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new Unavailable(late, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted: " + late, e);
        }
    }
}

package io.hookgate.admin.internals.view;

import io.hookgate.admin.api.model.Delivery;
import io.hookgate.admin.api.model.LastError;
import io.hookgate.admin.api.model.LoggedAttempt;
import io.hookgate.admin.api.model.Page;

import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.json.Json;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBatchWithIndex;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.hookgate.admin.internals.view.IndexKeys.compare;
import static io.hookgate.admin.internals.view.IndexKeys.concat;
import static io.hookgate.admin.internals.view.IndexKeys.cursor;
import static io.hookgate.admin.internals.view.IndexKeys.cursorKey;
import static io.hookgate.admin.internals.view.IndexKeys.key;
import static io.hookgate.admin.internals.view.IndexKeys.startsWith;
import static io.hookgate.admin.internals.view.IndexKeys.textFrom;
import static io.hookgate.admin.internals.view.IndexKeys.time;
import static io.hookgate.admin.internals.view.IndexKeys.timeAt;
import static io.hookgate.admin.internals.view.IndexKeys.upperBound;
import static io.hookgate.admin.internals.view.IndexKeys.utf8;

/**
 * The delivery log as the admin index keeps it, from {@code dispatch.attempts}: each delivery
 * ({@link Delivery}, one per {@code webhook-id}) with its attempts, found newest first by the time of
 * its last attempt through the most selective index, and each subscription's attempts counted per
 * minute ({@link AttemptStats}) for its health, with its last failed attempt. Keys, ordered as bytes,
 * beside those of every {@link IndexStore}:
 * <pre>
 * d id                          the delivery (JSON, without its attempts)
 * a id 0 at number              one attempt (JSON): the same attempt logged twice is kept once
 * t lastAt id                   by the time of its last attempt
 * i field value 0 lastAt id     by subscription (S), source (O), event id (E) and outcome (U), then that time
 * m subscription 0 minute       the subscription's attempts that started in that minute
 * l subscription                its latest attempt that was not delivered
 * </pre>
 * A delivery's time and outcome keys move as its attempts come. Health reads at most a day of
 * minutes of one subscription, whatever its traffic. Thread-safe (RocksDB is).
 */
public final class DeliveryStore extends IndexStore implements Redeliveries {

    /** The format of the keys and values; a change deletes older indexes, which are rebuilt from Kafka. */
    static final String FORMAT = "1";

    /** How long minute counts are kept ({@link #prune}): beyond the longest window of a subscription's health. */
    public static final Duration STATS_KEPT = Duration.ofHours(25);

    private static final byte DELIVERY = 'd';
    private static final byte ATTEMPT = 'a';
    private static final byte TIME = 't';
    private static final byte INDEX = 'i';
    private static final byte MINUTE = 'm';
    private static final byte LAST_ERROR = 'l';
    private static final byte BREAKER = 'b';
    private static final byte SUBSCRIPTION = 'S';
    private static final byte SOURCE = 'O';
    private static final byte EVENT_ID = 'E';
    private static final byte OUTCOME = 'U';
    private static final byte[] ZERO = {0};

    public DeliveryStore(final Path directory) {
        super(directory, FORMAT);
    }

    /**
     * Adds the attempt {@code entry} records to {@code batch}, which it reads too (the attempts of
     * one batch build on each other). An attempt already in the log is left as it is.
     */
    void add(final WriteBatchWithIndex batch, final AttemptEntry entry) throws RocksDBException {
        final byte[] id = utf8(entry.deliveryId());
        final byte[] attemptKey = key(ATTEMPT, id, ZERO, time(entry.attempt().at()),
            ByteBuffer.allocate(Integer.BYTES).putInt(entry.attempt().number()).array());
        if (get(batch, attemptKey) != null) {
            return;
        }
        final byte[] stored = get(batch, key(DELIVERY, id));
        final Delivery before = stored == null ? null : Json.read(stored, Delivery.class);
        final LoggedAttempt attempt = LoggedAttempt.of(entry, tierOf(entry, before));
        batch.put(attemptKey, Json.write(attempt));
        final Delivery after = before == null ? Delivery.first(entry, attempt) : before.with(attempt);
        if (before != null) {
            unindex(batch, before);
        }
        batch.put(key(DELIVERY, id), Json.write(after));
        index(batch, after);
        count(batch, entry, attempt);
    }

    /** Where the task waited before this attempt: {@code dispatch} before the first, else the tier its previous attempt chose. */
    private static String tierOf(final AttemptEntry entry, final Delivery before) {
        if (entry.attempt().number() == 1) {
            return LoggedAttempt.FIRST_TIER;
        }
        return before != null && Delivery.RETRYING.equals(before.outcome()) ? before.nextTier() : null;
    }

    private void count(final WriteBatchWithIndex batch, final AttemptEntry entry, final LoggedAttempt attempt) throws RocksDBException {
        final String subscription = entry.subscription();
        final byte[] minute = key(MINUTE, utf8(subscription), ZERO, time(attempt.at().truncatedTo(ChronoUnit.MINUTES)));
        batch.put(minute, AttemptStats.of(get(batch, minute)).plus(attempt.delivered(), attempt.durationMs()).bytes());
        if (!attempt.delivered()) {
            final byte[] lastKey = key(LAST_ERROR, utf8(subscription));
            final byte[] last = get(batch, lastKey);
            if (last == null || !attempt.at().isBefore(Json.read(last, LastError.class).at())) {
                batch.put(lastKey, Json.write(new LastError(attempt.at(), attempt.status(), attempt.error(), entry.deliveryId())));
            }
        }
    }

    private static void index(final WriteBatchWithIndex batch, final Delivery delivery) throws RocksDBException {
        for (byte[] key : indexKeys(delivery)) {
            batch.put(key, new byte[0]);
        }
    }

    private static void unindex(final org.rocksdb.AbstractWriteBatch batch, final Delivery delivery) throws RocksDBException {
        for (byte[] key : indexKeys(delivery)) {
            batch.delete(key);
        }
    }

    private static List<byte[]> indexKeys(final Delivery delivery) {
        final byte[] id = utf8(delivery.deliveryId());
        final byte[] time = time(delivery.lastAttemptAt());
        final List<byte[]> keys = new ArrayList<>();
        keys.add(key(TIME, time, id));
        keys.add(indexKey(SUBSCRIPTION, delivery.subscription(), time, id));
        keys.add(indexKey(SOURCE, delivery.source(), time, id));
        keys.add(indexKey(EVENT_ID, delivery.eventId(), time, id));
        keys.add(indexKey(OUTCOME, delivery.outcome(), time, id));
        return keys;
    }

    private static byte[] indexKey(final byte field, final String value, final byte[] time, final byte[] id) {
        return concat(indexPrefix(field, value), time, id);
    }

    private static byte[] indexPrefix(final byte field, final String value) {
        return key(INDEX, new byte[] {field}, utf8(value), ZERO);
    }

    /** Delivery {@code deliveryId} with its attempts, oldest first. */
    public Optional<Delivery> get(final String deliveryId) {
        final byte[] stored = get(key(DELIVERY, utf8(deliveryId)));
        return stored == null ? Optional.empty() : Optional.of(Json.read(stored, Delivery.class).withAttempts(attempts(deliveryId)));
    }

    private List<LoggedAttempt> attempts(final String deliveryId) {
        final byte[] prefix = key(ATTEMPT, utf8(deliveryId), ZERO);
        final List<LoggedAttempt> attempts = new ArrayList<>();
        try (RocksIterator iterator = db().newIterator()) {
            for (iterator.seek(prefix); iterator.isValid() && startsWith(iterator.key(), prefix); iterator.next()) {
                attempts.add(Json.read(iterator.value(), LoggedAttempt.class));
            }
        }
        return attempts;
    }

    /**
     * How the attempts of {@code deliveryId} that started at {@code since} or later ended: {@code delivered}
     * when the latest was, {@code failed} when it ended the delivery in the DLQ, else (still retrying,
     * or not attempted yet) {@code pending}.
     */
    @Override
    public String redelivery(final String deliveryId, final Instant since) {
        LoggedAttempt latest = null;
        for (LoggedAttempt attempt : attempts(deliveryId)) {
            if (!attempt.at().isBefore(since) && (latest == null || !attempt.at().isBefore(latest.at()))) {
                latest = attempt;
            }
        }
        if (latest == null || Delivery.RETRYING.equals(Delivery.outcomeOf(latest.outcome()))) {
            return PENDING;
        }
        return latest.delivered() ? DELIVERED : FAILED;
    }

    /** One page of the deliveries {@code filter} matches, newest (last attempt) first. */
    public Page<Delivery> list(final DeliveryFilter filter) {
        final byte[] prefix = prefix(filter);
        final byte[] start = filter.cursor() != null ? cursorKey(filter.cursor(), prefix)
            : filter.until() == null ? upperBound(prefix) : concat(prefix, time(filter.until()));
        final byte[] floor = concat(prefix, time(filter.since() == null ? Instant.EPOCH : filter.since()));
        final List<Delivery> found = new ArrayList<>();
        try (RocksIterator iterator = db().newIterator()) {
            iterator.seekForPrev(start);
            if (iterator.isValid() && Arrays.equals(iterator.key(), start)) {
                // The cursor's own key was on the previous page; the bounds are no keys.
                iterator.prev();
            }
            int scanned = 0;
            while (iterator.isValid() && startsWith(iterator.key(), prefix) && compare(iterator.key(), floor) >= 0) {
                final byte[] key = iterator.key();
                final byte[] stored = get(key(DELIVERY, utf8(textFrom(key, prefix.length + Long.BYTES))));
                final Delivery delivery = stored == null ? null : Json.read(stored, Delivery.class);
                if (delivery != null && filter.matches(delivery)) {
                    found.add(delivery.withAttempts(attempts(delivery.deliveryId())));
                    if (found.size() == filter.limit()) {
                        iterator.prev();
                        final boolean more = iterator.isValid() && startsWith(iterator.key(), prefix) && compare(iterator.key(), floor) >= 0;
                        return new Page<>(found, more ? cursor(key) : null);
                    }
                }
                if (++scanned >= EntryStore.SCAN_BUDGET) {
                    // A sparse filter: answer what was found so far and where to go on.
                    return new Page<>(found, cursor(key));
                }
                iterator.prev();
            }
        }
        return new Page<>(found, null);
    }

    private static byte[] prefix(final DeliveryFilter filter) {
        if (filter.eventId() != null) {
            return indexPrefix(EVENT_ID, filter.eventId());
        }
        if (filter.subscription() != null) {
            return indexPrefix(SUBSCRIPTION, filter.subscription());
        }
        if (filter.source() != null) {
            return indexPrefix(SOURCE, filter.source());
        }
        if (filter.outcome() != null) {
            return indexPrefix(OUTCOME, filter.outcome());
        }
        return new byte[] {TIME};
    }

    /** The attempts of {@code subscription} that started in the minutes from that of {@code from} to that of {@code to}, both included. */
    public AttemptStats stats(final String subscription, final Instant from, final Instant to) {
        final byte[] prefix = key(MINUTE, utf8(subscription), ZERO);
        final byte[] last = concat(prefix, time(to.truncatedTo(ChronoUnit.MINUTES)));
        AttemptStats sum = AttemptStats.none();
        try (RocksIterator iterator = db().newIterator()) {
            for (iterator.seek(concat(prefix, time(from.truncatedTo(ChronoUnit.MINUTES))));
                 iterator.isValid() && compare(iterator.key(), last) <= 0; iterator.next()) {
                sum = sum.plus(AttemptStats.of(iterator.value()));
            }
        }
        return sum;
    }

    /** Records what {@code event} says of its subscription's breaker, unless a later report is kept already. */
    void add(final WriteBatchWithIndex batch, final io.hookgate.core.delivery.OperationalEvent event) throws RocksDBException {
        final byte[] key = key(BREAKER, utf8(event.subscription()));
        final byte[] known = get(batch, key);
        if (known == null || !event.at().isBefore(Json.read(known, BreakerState.class).at())) {
            batch.put(key, Json.write(BreakerState.of(event)));
        }
    }

    /** The breaker of {@code subscription} as last reported; empty when none was (a breaker starts closed). */
    public Optional<BreakerState> breaker(final String subscription) {
        final byte[] stored = get(key(BREAKER, utf8(subscription)));
        return stored == null ? Optional.empty() : Optional.of(Json.read(stored, BreakerState.class));
    }

    /** The latest attempt of {@code subscription} that was not delivered. */
    public Optional<LastError> lastError(final String subscription) {
        final byte[] stored = get(key(LAST_ERROR, utf8(subscription)));
        return stored == null ? Optional.empty() : Optional.of(Json.read(stored, LastError.class));
    }

    /**
     * Forgets the minute counts older than {@code statsBefore} and the deliveries whose last attempt
     * is older than {@code deliveriesBefore} (their records are gone from the topic too), so that the
     * index does not outgrow what the topic keeps.
     *
     * @return how many deliveries it forgot
     */
    long prune(final Instant statsBefore, final Instant deliveriesBefore) throws RocksDBException {
        long forgotten = 0;
        try (WriteBatch batch = new WriteBatch(); RocksIterator iterator = db().newIterator()) {
            for (iterator.seek(new byte[] {MINUTE}); iterator.isValid() && iterator.key()[0] == MINUTE; iterator.next()) {
                final byte[] key = iterator.key();
                if (timeAt(key, key.length - Long.BYTES).isBefore(statsBefore)) {
                    batch.delete(key);
                }
            }
            final byte[] end = key(TIME, time(deliveriesBefore));
            for (iterator.seek(new byte[] {TIME}); iterator.isValid() && compare(iterator.key(), end) < 0; iterator.next()) {
                final String id = textFrom(iterator.key(), 1 + Long.BYTES);
                final byte[] stored = get(key(DELIVERY, utf8(id)));
                if (stored != null) {
                    unindex(batch, Json.read(stored, Delivery.class));
                }
                batch.delete(iterator.key());
                batch.delete(key(DELIVERY, utf8(id)));
                final byte[] attempts = key(ATTEMPT, utf8(id), ZERO);
                batch.deleteRange(attempts, upperBound(attempts));
                forgotten++;
            }
            write(batch);
        }
        return forgotten;
    }
}

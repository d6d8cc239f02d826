package io.hookgate.admin.internals.replay;

import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.admin.api.model.Page;
import io.hookgate.admin.api.model.PayloadView;
import io.hookgate.admin.api.model.ReplayState;
import io.hookgate.admin.internals.errors.Conflict;
import io.hookgate.admin.internals.errors.Gone;
import io.hookgate.admin.internals.errors.NotFound;
import io.hookgate.admin.internals.errors.Unavailable;
import io.hookgate.admin.internals.view.EntryFilter;
import io.hookgate.admin.internals.view.EntryStore;
import io.hookgate.admin.internals.view.OriginalRef;
import io.hookgate.admin.internals.view.Payloads;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DlqEntry;
import io.hookgate.core.json.Json;
import io.hookgate.core.rejection.RejectionHeaders;
import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.tracing.TraceHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Replays what failed. A DLQ entry goes back to {@code dispatch} as a fresh task with the same
 * {@code webhook-id}; a rejected request goes back to {@code ingress.raw} exactly as stored (its
 * original record is read from {@code events.rejected} by the coordinates the index keeps, since the
 * index holds only a redacted copy), with its original receive time (so its replay window still counts from then, unless waived), where it is
 * verified and deduplicated again. Each replay is first claimed ({@link ReplayClaims}: in Kafka,
 * so that of several admin instances one sends), then sent, then recorded in the compacted
 * {@code admin.replays} topic once Kafka acknowledged it; an entry replayed successfully, or whose
 * replay another instance holds, is not replayed again unless forced.
 *
 * <p>Failures are typed: {@link NotFound} (no such entry), {@link Conflict} {@code already_replayed},
 * {@link Gone} (the original is no longer in Kafka; a replay by filter counts it and goes on),
 * {@link Unavailable} when Kafka does not acknowledge in time or refuses for a passing reason;
 * any other refusal by Kafka is an {@link IllegalStateException} (an internal error).
 */
public final class Replayer {

    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    private static final Set<String> REJECTION_HEADERS = Set.of(RejectionHeaders.REASON, RejectionHeaders.DETAIL,
        RejectionHeaders.REJECTED_AT, RawRecordCodec.REPLAY_OF, RawRecordCodec.IGNORE_TIMESTAMP);

    private static final int SEND_TIMEOUT_SECONDS = 30;
    /** The code of the {@link Conflict} of a DLQ entry that holds nothing to replay (no envelope). */
    private static final String NOT_REPLAYABLE = "not_replayable";

    private final Producer<byte[], byte[]> producer;
    private final ReplayClaims claims;
    private final OriginalRecords originals;
    private final Topics topics;
    private final EntryStore dlq;
    private final EntryStore rejected;
    private final Clock clock;
    private final Object[] locks = new Object[64];

    /** A replayer whose claims hold within this process only ({@link LocalReplayClaims}): for a single admin instance. */
    public Replayer(final Producer<byte[], byte[]> producer, final OriginalRecords originals, final Topics topics, final EntryStore dlq,
                    final EntryStore rejected, final Clock clock) {
        this(producer, originals, new LocalReplayClaims(producer, topics.replays()), topics, dlq, rejected, clock);
    }

    /**
     * @param originals where the originals of rejected requests are read from at replay time
     * @param claims    who may replay an entry now ({@link KafkaReplayClaims} across admin instances)
     */
    public Replayer(final Producer<byte[], byte[]> producer, final OriginalRecords originals, final ReplayClaims claims, final Topics topics,
                    final EntryStore dlq, final EntryStore rejected, final Clock clock) {
        this.producer = producer;
        this.claims = claims;
        this.originals = originals;
        this.topics = topics;
        this.dlq = dlq;
        this.rejected = rejected;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Replays DLQ entry {@code id}.
     *
     * @return whether it had been replayed before (and {@code force} let it go again)
     * @throws NotFound when there is no such entry
     * @throws Conflict when it was replayed already and {@code force} is false
     */
    public boolean replayDlq(final String id, final boolean force) {
        return expect(id, attemptDlq(id, force));
    }

    /**
     * Replays rejected request {@code id}, its replay window waived when {@code ignoreTimestamp}.
     *
     * @return whether it had been replayed before (and {@code force} let it go again)
     * @throws NotFound when there is no such entry
     * @throws Conflict when it was replayed already and {@code force} is false
     */
    public boolean replayRejected(final String id, final boolean force, final boolean ignoreTimestamp) {
        return expect(id, attemptRejected(id, force, ignoreTimestamp));
    }

    private static boolean expect(final String id, final ReplayOutcome outcome) {
        return switch (outcome) {
            case REPLAYED -> false;
            case FORCED -> true;
            case ALREADY_REPLAYED -> throw new Conflict("already_replayed", id + " was already replayed; add ?force=true to replay it again");
            case NOT_FOUND -> throw new NotFound("no entry " + id);
        };
    }

    private ReplayOutcome attemptDlq(final String id, final boolean force) {
        return replay("dlq", dlq, id, force, payload -> {
            final DlqEntry entry = Json.read(payload, DlqEntry.class);
            if (!entry.replayable()) {
                throw new Conflict(NOT_REPLAYABLE, "DLQ entry " + id + " cannot be replayed: it holds no envelope ("
                    + entry.reason().code() + ": " + entry.detail() + ")");
            }
            final DeliveryTask task = entry.task().replayed(clock.instant());
            send(topics.dispatchTasks().record(entry.subscription(), task));
            LOG.info("Replayed DLQ entry id={} subscription={} deliveryId={} source={} eventId={}", id, entry.subscription(),
                entry.task().deliveryId(), entry.source(), entry.eventId());
        });
    }

    private ReplayOutcome attemptRejected(final String id, final boolean force, final boolean ignoreTimestamp) {
        return replay("rejected", rejected, id, force, payload -> {
            // The index keeps only a redacted copy: the original, credentials and all, is read from Kafka.
            final ConsumerRecord<byte[], byte[]> record = originals.fetch(Json.read(payload, OriginalRef.class));
            final RecordHeaders headers = new RecordHeaders();
            for (Header header : record.headers()) {
                // A replay is a new trace: the original's trace ended when it was rejected.
                if (!REJECTION_HEADERS.contains(header.key()) && !TraceHeaders.KEYS.contains(header.key())) {
                    headers.add(header.key(), header.value());
                }
            }
            headers.add(RawRecordCodec.REPLAY_OF, id.getBytes(StandardCharsets.UTF_8));
            headers.add(RawRecordCodec.IGNORE_TIMESTAMP, Boolean.toString(ignoreTimestamp).getBytes(StandardCharsets.UTF_8));
            // The raw topic is keyed {source}:{ingressId}; the rejected topic by source.
            final String ingressId = RawRecordCodec.lastValue(headers, RawRecordCodec.INGRESS_ID);
            final String source = RawRecordCodec.lastValue(headers, RawRecordCodec.SOURCE);
            final byte[] key = source == null || ingressId == null ? record.key() : (source + ":" + ingressId).getBytes(StandardCharsets.UTF_8);
            send(new ProducerRecord<>(topics.raw(), null, record.timestamp(), key, record.value(), headers));
            if (ignoreTimestamp) {
                LOG.warn("Replayed rejected id={} source={} ingressId={} with its replay window WAIVED (ignoreTimestamp=true)",
                    id, source, ingressId);
            } else {
                LOG.info("Replayed rejected id={} source={} ingressId={}", id, source, ingressId);
            }
        });
    }

    /** The envelope DLQ entry {@code id} would replay, as its show answers it. */
    public PayloadView dlqPayload(final String id) {
        return dlq.payload(id).map(payload -> Json.read(payload, DlqEntry.class))
            .map(entry -> entry.replayable() ? Payloads.of(entry.task().envelope().bytes())
                : PayloadView.unavailable("the DLQ entry did not keep the envelope (" + entry.detail() + ")"))
            .orElseGet(() -> PayloadView.unavailable("no DLQ entry " + id));
    }

    /**
     * The body rejected request {@code id} would replay, read from Kafka as the ingress stored it, its
     * credentials hidden ({@link Payloads#redacted}); unavailable when it is gone or Kafka does not answer.
     */
    public PayloadView rejectedPayload(final String id) {
        final var payload = rejected.payload(id);
        if (payload.isEmpty()) {
            return PayloadView.unavailable("no rejected entry " + id);
        }
        try {
            final byte[] body = originals.fetch(Json.read(payload.get(), OriginalRef.class)).value();
            return Payloads.redacted(body == null ? new byte[0] : body);
        } catch (Gone | Unavailable e) {
            return PayloadView.unavailable(e.getMessage());
        }
    }

    /** Replays every DLQ entry {@code filter} matches (all pages), skipping those already replayed unless forced. */
    public BulkReplay replayDlq(final EntryFilter filter, final boolean dryRun, final boolean force) {
        return bulk(dlq, filter, dryRun, force, id -> attemptDlq(id, force));
    }

    public BulkReplay replayRejected(final EntryFilter filter, final boolean dryRun, final boolean force, final boolean ignoreTimestamp) {
        return bulk(rejected, filter, dryRun, force, id -> attemptRejected(id, force, ignoreTimestamp));
    }

    private BulkReplay bulk(final EntryStore store, final EntryFilter filter, final boolean dryRun, final boolean force,
                            final java.util.function.Function<String, ReplayOutcome> replayOne) {
        long matched = 0;
        long replayed = 0;
        long skipped = 0;
        long gone = 0;
        long forced = 0;
        EntryFilter page = filter;
        while (true) {
            final Page<AdminEntry> result = store.list(page);
            for (AdminEntry entry : result.entries()) {
                matched++;
                if (entry.replay().replayed() && !force) {
                    skipped++;
                } else if (dryRun) {
                    replayed++;
                    forced += entry.replay().replayed() ? 1 : 0;
                } else {
                    try {
                        final ReplayOutcome outcome = replayOne.apply(entry.id());
                        if (outcome == ReplayOutcome.REPLAYED || outcome == ReplayOutcome.FORCED) {
                            replayed++;
                            forced += outcome == ReplayOutcome.FORCED ? 1 : 0;
                        } else {
                            skipped++;
                        }
                    } catch (Gone e) {
                        // One original deleted by retention must not stop the replay of the others: counted, logged.
                        gone++;
                        LOG.warn("Not replayed: {}", e.getMessage());
                    } catch (Conflict e) {
                        if (!NOT_REPLAYABLE.equals(e.code())) {
                            throw e;
                        }
                        // Nor one that holds nothing to replay (a record that was no task, an envelope too large to keep): skipped.
                        skipped++;
                        LOG.warn("Not replayed: {}", e.getMessage());
                    }
                }
            }
            if (result.nextCursor() == null) {
                return new BulkReplay(matched, replayed, skipped, gone, forced);
            }
            page = page.afterCursor(result.nextCursor());
        }
    }

    private interface Send {
        void accept(byte[] payload);
    }

    private ReplayOutcome replay(final String kind, final EntryStore store, final String id, final boolean force, final Send send) {
        synchronized (locks[Math.floorMod(id.hashCode(), locks.length)]) {
            final var payload = store.payload(id);
            if (payload.isEmpty()) {
                return ReplayOutcome.NOT_FOUND;
            }
            final ReplayState state = store.replayState(id);
            if (state.replayed() && !force) {
                return ReplayOutcome.ALREADY_REPLAYED;
            }
            // Claimed before it is sent: another admin instance replaying it too wins or loses here.
            final ReplayClaims.Claim claim = claims.claim(kind + ":" + id, force, state.count()).orElse(null);
            if (claim == null) {
                return ReplayOutcome.ALREADY_REPLAYED;
            }
            try {
                send.accept(payload.get());
            } catch (RuntimeException e) {
                release(claim, e);
                throw e;
            }
            final ReplayState next = new ReplayState("replayed", claim.count() + 1, Instant.now(clock));
            claims.settle(claim, next);
            store.putReplayState(id, next);
            return claim.count() > 0 ? ReplayOutcome.FORCED : ReplayOutcome.REPLAYED;
        }
    }

    /** Frees {@code claim} of a replay that was not sent; a failure to is added to {@code cause} (the claim then lapses by itself). */
    private void release(final ReplayClaims.Claim claim, final RuntimeException cause) {
        try {
            claims.settle(claim, null);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void send(final ProducerRecord<byte[], byte[]> record) {
        ReplaySends.acknowledged(producer, record, SEND_TIMEOUT_SECONDS);
    }
}

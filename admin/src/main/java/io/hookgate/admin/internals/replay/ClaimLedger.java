package io.hookgate.admin.internals.replay;

import io.hookgate.admin.api.model.ReplayState;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The recent history of {@code admin.replays}, folded in the order of its partition, which every
 * admin instance reads alike, so all of them reach the same verdict on each claim. A claim of an
 * entry is won when it is forced, or when the entry was never replayed (as far as the topic and the
 * claimer know) and no claim won earlier is still held: not yet settled and younger than
 * {@link #HELD_FOR} when the new claim was written (a claimer that died is waited out, not forever).
 * A state record counts the entry's replays; a claim's tombstone settles the claim held.
 */
final class ClaimLedger {

    /** How long a claim won holds its entry at most: longer than any replay takes to send (30 s) and settle. */
    static final long HELD_FOR_MILLIS = 120_000;
    static final java.time.Duration HELD_FOR = java.time.Duration.ofMillis(HELD_FOR_MILLIS);

    private final Map<String, Entry> entries = new HashMap<>();

    /** The value of a claim record: its id, whether forced, and the replays its claimer knew of. */
    record ClaimValue(String claim, boolean force, int knownCount) {
    }

    private static final class Entry {
        private int count;
        private String held;
        private long heldSince;
        private long lastAt;
        private final Map<String, Boolean> verdicts = new HashMap<>();
    }

    /** A state record of {@code key} written at {@code at} (epoch ms): null is a tombstone, which forgets the entry's replays. */
    synchronized void state(final String key, final ReplayState state, final long at) {
        final Entry entry = entry(key, at);
        entry.count = state == null ? 0 : Math.max(entry.count, state.count());
    }

    /** A claim record of {@code key} written at {@code at}: decides whether it is won. */
    synchronized void claim(final String key, final ClaimValue claim, final long at) {
        final Entry entry = entry(key, at);
        final boolean heldByAnother = entry.held != null && at - entry.heldSince < HELD_FOR_MILLIS;
        final boolean won = claim.force() || Math.max(entry.count, claim.knownCount()) == 0 && !heldByAnother;
        entry.verdicts.put(claim.claim(), won);
        if (won) {
            entry.held = claim.claim();
            entry.heldSince = at;
        }
    }

    /** A claim's tombstone of {@code key}: the claim held is settled. */
    synchronized void settled(final String key, final long at) {
        entry(key, at).held = null;
    }

    /** Whether claim {@code claim} of {@code key} was won; empty while it was not read (or was forgotten). */
    synchronized Optional<Boolean> won(final String key, final String claim) {
        final Entry entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.verdicts.get(claim));
    }

    /** The replays of {@code key} this ledger counted. */
    synchronized int count(final String key) {
        final Entry entry = entries.get(key);
        return entry == null ? 0 : entry.count;
    }

    /** Forgets the entries nothing was written for since {@code before} (epoch ms): their claims are no longer held. */
    synchronized void forget(final long before) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (it.next().lastAt < before) {
                it.remove();
            }
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private Entry entry(final String key, final long at) {
        final Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        entry.lastAt = Math.max(entry.lastAt, at);
        return entry;
    }
}

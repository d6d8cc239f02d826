package io.hookgate.admin.internals.replay;

import io.hookgate.admin.api.model.ReplayState;

import java.util.Optional;

/**
 * Who may replay an entry now. A replay first {@link #claim claims} its entry, then sends, then
 * {@link #settle settles} the claim with what happened; while a claim is held no other (not forced)
 * replay of the entry wins one, and once the entry was replayed none does.
 */
public interface ReplayClaims {

    /**
     * Claims entry {@code key} ({@code dlq:<id>} or {@code rejected:<id>}) for one replay.
     *
     * @param knownCount how many times this process knows the entry was replayed
     * @return the claim when the caller may send; empty when the entry was replayed already or another
     *         replay holds it (a forced claim is always won)
     * @throws io.hookgate.admin.internals.errors.Unavailable when Kafka does not take or give back the claim in time
     */
    Optional<Claim> claim(String key, boolean force, int knownCount);

    /**
     * Ends {@code claim}: {@code replayed} (the entry's new state) when the replay was sent, null when
     * it was not (the entry may be replayed again).
     *
     * @throws io.hookgate.admin.internals.errors.Unavailable when Kafka does not take the state in time
     */
    void settle(Claim claim, ReplayState replayed);

    /**
     * A claim won.
     *
     * @param key   the entry's key in {@code admin.replays}
     * @param id    this claim's id, unique
     * @param count how many times the entry had been replayed when it was claimed
     */
    record Claim(String key, String id, int count) {
    }
}

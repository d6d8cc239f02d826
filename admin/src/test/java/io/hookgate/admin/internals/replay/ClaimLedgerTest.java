package io.hookgate.admin.internals.replay;

import io.hookgate.admin.api.model.ReplayState;
import io.hookgate.admin.internals.replay.ClaimLedger.ClaimValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdicts every admin instance reaches alike from the order of {@code admin.replays}. */
class ClaimLedgerTest {

    final ClaimLedger ledger = new ClaimLedger();

    @Test
    void theFirstClaimWinsAndTheNextLosesWhileItIsHeld() {
        ledger.claim("dlq:a", new ClaimValue("one", false, 0), 1_000);
        ledger.claim("dlq:a", new ClaimValue("two", false, 0), 1_001);
        assertThat(ledger.won("dlq:a", "one")).contains(true);
        assertThat(ledger.won("dlq:a", "two")).contains(false);
        assertThat(ledger.won("dlq:a", "three")).as("not read yet").isEmpty();
        // Another entry is claimed on its own.
        ledger.claim("dlq:b", new ClaimValue("four", false, 0), 1_002);
        assertThat(ledger.won("dlq:b", "four")).contains(true);
    }

    @Test
    void aReplayedEntryIsNotClaimedAgainUnlessForced() {
        ledger.claim("dlq:a", new ClaimValue("one", false, 0), 1_000);
        ledger.state("dlq:a", new ReplayState("replayed", 1, Instant.EPOCH), 1_100);
        ledger.settled("dlq:a", 1_101);
        ledger.claim("dlq:a", new ClaimValue("two", false, 0), 1_200);
        ledger.claim("dlq:a", new ClaimValue("three", true, 0), 1_300);
        assertThat(ledger.won("dlq:a", "two")).contains(false);
        assertThat(ledger.won("dlq:a", "three")).contains(true);
        assertThat(ledger.count("dlq:a")).isEqualTo(1);
        // What the claimer knew counts too: its index had the replay, the ledger's window did not.
        ledger.claim("dlq:c", new ClaimValue("four", false, 2), 1_400);
        assertThat(ledger.won("dlq:c", "four")).contains(false);
    }

    @Test
    void aClaimSettledWithoutAReplayFreesTheEntry() {
        ledger.claim("dlq:a", new ClaimValue("one", false, 0), 1_000);
        ledger.settled("dlq:a", 1_050);
        ledger.claim("dlq:a", new ClaimValue("two", false, 0), 1_100);
        assertThat(ledger.won("dlq:a", "two")).contains(true);
    }

    @Test
    void aClaimNeverSettledLapsesAfterItsHoldingTime() {
        ledger.claim("dlq:a", new ClaimValue("one", false, 0), 1_000);
        ledger.claim("dlq:a", new ClaimValue("two", false, 0), 1_000 + ClaimLedger.HELD_FOR_MILLIS - 1);
        ledger.claim("dlq:a", new ClaimValue("three", false, 0), 1_000 + ClaimLedger.HELD_FOR_MILLIS);
        assertThat(ledger.won("dlq:a", "two")).contains(false);
        assertThat(ledger.won("dlq:a", "three")).contains(true);
    }

    @Test
    void aStateTombstoneForgetsTheReplaysAndQuietEntriesAreForgotten() {
        ledger.state("dlq:a", new ReplayState("replayed", 3, Instant.EPOCH), 1_000);
        ledger.state("dlq:a", null, 2_000);
        assertThat(ledger.count("dlq:a")).isZero();
        ledger.state("dlq:b", new ReplayState("replayed", 1, Instant.EPOCH), 5_000);
        ledger.forget(3_000);
        assertThat(ledger.size()).isEqualTo(1);
        assertThat(ledger.count("dlq:b")).isEqualTo(1);
    }
}

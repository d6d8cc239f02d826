package io.hookgate.bench.sink;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StagesTest {

    private static final long SENT = 1_796_171_418_000_000L;

    @Test
    void anEnvelopesLatencyIsCutAtItsReceivedAndVerifiedTimes() {
        final Stages stages = new Stages();
        // 2026-12-01T... chosen so that received = sent + 2 ms, verified = received + 30 ms, delivered 5 ms later.
        final String received = java.time.Instant.ofEpochSecond(0, (SENT + 2_000) * 1000).toString();
        final String verified = java.time.Instant.ofEpochSecond(0, (SENT + 32_000) * 1000).toString();
        final byte[] body = ("{\"id\":\"evt\",\"receivedAt\":\"" + received + "\",\"verifiedAt\":\"" + verified
            + "\",\"payload\":{\"sentAtMicros\":" + SENT + "}}").getBytes(StandardCharsets.UTF_8);

        stages.record(body, SENT, SENT + 37_000);

        assertThat(stages.summary().keySet()).containsExactlyElementsOf(Stages.NAMES);
        assertThat(stages.summary().get("sent->received").p50()).isBetween(1_990L, 2_010L);
        assertThat(stages.summary().get("received->verified").p50()).isBetween(29_980L, 30_020L);
        assertThat(stages.summary().get("verified->delivered").p50()).isBetween(4_990L, 5_010L);
    }

    @Test
    void aBodyWithoutBothInstantsRecordsNoStage() {
        final Stages stages = new Stages();
        stages.record("{\"receivedAt\":\"2026-12-01T00:00:00Z\",\"verifiedAt\":\"not a time\"}".getBytes(StandardCharsets.UTF_8), SENT, SENT);
        stages.record("{}".getBytes(StandardCharsets.UTF_8), SENT, SENT);

        assertThat(stages.summary()).isEmpty();
    }
}

package io.hookgate.admin.api.model;

import io.hookgate.core.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Replay answers as the server writes them and the CLI reads them back. */
class ReplayTest {

    @Test
    void oneEntrysReplaySaysWhetherItWasForced() {
        final String json = Json.writeString(new Replay("dlq_1", true, false));

        assertThat(json).isEqualTo("{\"id\":\"dlq_1\",\"replayed\":true,\"forced\":false}");
        assertThat(Json.read(json.getBytes(StandardCharsets.UTF_8), Replay.class)).isEqualTo(new Replay("dlq_1", true, false));
    }

    @Test
    void aReplayByFilterCountsAndFixesTheEndOfItsRange() {
        final Replay.Count count = new Replay.Count(7, 4, 2, 1, true, true, Instant.parse("2026-12-02T10:00:00Z"));
        final String json = Json.writeString(count);

        assertThat(json).isEqualTo("{\"matched\":7,\"replayed\":4,\"skipped\":2,\"gone\":1,\"forced\":true,\"dryRun\":true,"
            + "\"until\":\"2026-12-02T10:00:00Z\"}");
        assertThat(Json.read(json.getBytes(StandardCharsets.UTF_8), Replay.Count.class)).isEqualTo(count);
    }
}

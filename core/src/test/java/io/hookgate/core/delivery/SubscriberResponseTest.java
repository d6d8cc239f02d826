package io.hookgate.core.delivery;

import io.hookgate.core.event.EventRef;
import io.hookgate.core.json.Json;
import io.hookgate.core.json.RawJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriberResponseTest {

    static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void keepsTheFirstKibibyteAsTextAndSaysHowLongTheBodyWas() {
        final byte[] body = "x".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        final SubscriberResponse response = SubscriberResponse.of(List.of(), body, 1024, 5000);
        assertThat(response.body()).hasSize(1024);
        assertThat(response.bodyBytes()).isEqualTo(5000);
        assertThat(response.truncated()).isTrue();

        final SubscriberResponse whole = SubscriberResponse.of(List.of(), "{\"error\":\"db down\"}".getBytes(StandardCharsets.UTF_8), 19, 19);
        assertThat(whole.body()).isEqualTo("{\"error\":\"db down\"}");
        assertThat(whole.truncated()).isFalse();
        assertThat(SubscriberResponse.of(List.of(), new byte[0], 0, 0).body()).isNull();
    }

    @Test
    void aCharacterCutAtTheEndIsDroppedAndControlsAreReplaced() {
        final byte[] euros = "€".repeat(400).getBytes(StandardCharsets.UTF_8);
        final SubscriberResponse cut = SubscriberResponse.of(List.of(), euros, 1024, euros.length);
        // 1024 bytes hold 341 whole three-byte characters and a third of one more.
        assertThat(cut.body()).isEqualTo("€".repeat(341));
        final byte[] controls = {'a', 0, 7, '\n', 'b', (byte) 0xFF};
        assertThat(SubscriberResponse.of(List.of(), controls, controls.length, controls.length).body()).isEqualTo("a\uFFFD\uFFFD\nb\uFFFD");
    }

    @Test
    void headersAreFewShortOrderedAndCredentialsRedacted() {
        final List<Map.Entry<String, String>> received = new ArrayList<>();
        received.add(Map.entry("Date", "Mon, 23 Nov 2026 10:00:00 GMT"));
        received.add(Map.entry("Set-Cookie", "session=abc"));
        received.add(Map.entry("Vary", "Accept"));
        received.add(Map.entry("vary", "Origin"));
        received.add(Map.entry("X-Long", "v".repeat(500)));
        for (int i = 0; i < 20; i++) {
            received.add(Map.entry("X-" + i, "" + i));
        }
        received.add(Map.entry("Retry-After", "30"));
        received.add(Map.entry("Content-Type", "application/json"));
        final SubscriberResponse response = SubscriberResponse.of(received, new byte[0], 0, 0);
        assertThat(response.headers()).hasSize(SubscriberResponse.MAX_HEADERS);
        assertThat(response.headers().keySet()).startsWith("content-type", "retry-after", "date", "set-cookie", "vary", "x-long");
        assertThat(response.headers()).containsEntry("set-cookie", "[redacted]").containsEntry("vary", "Accept, Origin");
        assertThat(response.headers().get("x-long")).hasSize(SubscriberResponse.MAX_VALUE_CHARS).endsWith("...");
    }

    @Test
    void aTaskKeepsTheAnswersOfItsNewestAttemptsWithinItsBudget() {
        final EventRef ref = new EventRef("evt_1", "s", "e", null, null, AT, null);
        DeliveryTask task = DeliveryTask.first(ref, RawJson.trusted("{}".getBytes(StandardCharsets.UTF_8)), "sub", AT);
        final byte[] big = "y".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        for (int i = 1; i <= 20; i++) {
            task = task.after(DeliveryAttempt.answered(i, AT, 500, 1).withResponse(SubscriberResponse.of(List.of(), big, 1024, 4096)), AT);
        }
        assertThat(task.attempts()).hasSize(20);
        assertThat(task.attempts().get(19).response()).isNotNull();
        assertThat(task.attempts().get(0).response()).isNull();
        final int kept = task.attempts().stream().filter(attempt -> attempt.response() != null)
            .mapToInt(attempt -> attempt.response().weight()).sum();
        assertThat(kept).isLessThanOrEqualTo(DeliveryTask.RESPONSE_BUDGET_BYTES);
        assertThat(Json.write(task.attempts()).length).isLessThan(DeliveryTask.RESPONSE_BUDGET_BYTES + 20 * 200);
    }
}

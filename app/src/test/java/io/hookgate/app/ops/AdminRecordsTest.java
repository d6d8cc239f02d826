package io.hookgate.app.ops;

import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.admin.api.model.Delivery;
import io.hookgate.admin.api.model.LoggedAttempt;
import io.hookgate.admin.api.model.Page;
import io.hookgate.admin.api.model.PayloadView;
import io.hookgate.admin.api.model.ReplayState;
import io.hookgate.admin.api.model.RequestCopy;
import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.delivery.SubscriberResponse;
import io.hookgate.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admin API's entry and delivery records as the CLI reads them: what the server writes reads
 * back into the same record and writes again byte for byte (so {@code --json} prints the API's
 * JSON), and the text views print every field from the records.
 */
class AdminRecordsTest {

    private static final Instant AT = Instant.parse("2026-12-03T06:10:11.250Z");

    static AdminEntry dlqEntry() {
        final DeliveryAttempt first = DeliveryAttempt.answered(1, AT, 503, 12)
            .withResponse(new SubscriberResponse(Map.of("retry-after", "5"), "busy", 4, false));
        final DeliveryAttempt second = DeliveryAttempt.failed(2, AT.plusSeconds(1), "timeout", 5000);
        return new AdminEntry("dlq_7", "crm", "stripe", "evt_1", "msg_1", "ing_1", null, null, "exhausted", "gave up after 2 attempts", AT,
            List.of(first, second), new ReplayState("replayed", 2, AT.plusSeconds(60)).withRedelivery("delivered"), null);
    }

    static AdminEntry rejectedEntry() {
        return new AdminEntry("rej_3", null, "github", null, null, "ing_2", "203.0.113.9", "GitHub-Hookshot/1", "bad_signature",
            "no signature matched", AT, List.of(), ReplayState.NONE,
            new RequestCopy("POST", "token=[redacted]", "203.0.113.9", AT, List.of(new RequestCopy.HeaderCopy("X-Hub-Signature-256",
                "[redacted]")), 42));
    }

    static Delivery delivery() {
        final LoggedAttempt failed = new LoggedAttempt(1, AT, 500, null, 30, LoggedAttempt.FIRST_TIER, "retry", "1s", AT.plusSeconds(1), null,
            null);
        final LoggedAttempt delivered = new LoggedAttempt(2, AT.plusSeconds(1), 204, null, 8, "1s", "delivered", null, null, null, null);
        return new Delivery("msg_1", "crm", "stripe", "evt_1", "ev_01", "invoice.paid", Delivery.DELIVERED, 2, AT, AT.plusSeconds(1), 204,
            null, null, null, null, List.of(failed, delivered));
    }

    @Test
    void aPageOfEntriesReadsBackAndWritesTheServersJsonAgain() throws Exception {
        final Page<AdminEntry> written = new Page<>(List.of(dlqEntry(), rejectedEntry()), null);
        final String json = Json.writeString(written);

        final Page<AdminEntry> read = answer(json).page(AdminEntry.class);

        assertThat(read).isEqualTo(written);
        assertThat(Json.writeString(read)).isEqualTo(json);
        assertThat(json).contains("\"nextCursor\":null").doesNotContain("\"payload\"");
    }

    @Test
    void anEntrysShowCarriesItsPayloadLast() throws Exception {
        final AdminEntry shown = rejectedEntry().withPayload(new PayloadView(42, Json.mapper().readTree("{\"a\":1}"), null, null, null, null));
        final String json = Json.writeString(shown);

        assertThat(json).endsWith("\"payload\":{\"bytes\":42,\"json\":{\"a\":1}}}");
        assertThat(Json.writeString(answer(json).as(AdminEntry.class))).isEqualTo(json);
    }

    @Test
    void aDeliveryWithItsAttemptsReadsBack() throws Exception {
        final String json = Json.writeString(delivery());

        final Delivery read = answer(json).as(Delivery.class);

        assertThat(read).isEqualTo(delivery());
        assertThat(Json.writeString(read)).isEqualTo(json);
    }

    @Test
    void aPageWhoseEntriesAreNotEntriesIsAnInternalFailure() throws Exception {
        assertThatThrownBy(() -> answer("{\"entries\":[{\"attempts\":\"three\"}],\"nextCursor\":null}").page(AdminEntry.class))
            .isInstanceOfSatisfying(CliFailure.class, failure -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.INTERNAL))
            .hasMessageContaining("not the admin API's page of AdminEntry entries");
    }

    @Test
    void aDlqEntryPrintsItsFieldsReplayAttemptsAndWhatTheSubscriberAnswered() {
        final String text = print(out -> EntryView.print(out, dlqEntry()));

        assertThat(text).contains("subscription  crm").contains("at            2026-12-03 06:10:11Z")
            .contains("replayed 2 times, last 2026-12-03 06:11:11Z; redelivery delivered")
            .containsPattern("#1 +2026-12-03 06:10:11Z +503 +12 ms")
            .contains("retry-after: 5").contains("body (4 bytes):").contains("  busy")
            .containsPattern("#2 +2026-12-03 06:10:12Z +timeout +5000 ms");
    }

    @Test
    void aRejectedEntryPrintsItsRedactedRequestAndNoAttempts() {
        final String text = print(out -> EntryView.print(out, rejectedEntry().withPayload(PayloadView.unavailable("gone from Kafka"))));

        assertThat(text).containsPattern("userAgent +GitHub-Hookshot/1").contains("not replayed")
            .contains("POST ?token=[redacted]  from 203.0.113.9  at 2026-12-03 06:10:11Z  42 bytes")
            .contains("X-Hub-Signature-256: [redacted]").contains("Payload: not available (gone from Kafka)")
            .doesNotContain("Attempts:");
    }

    @Test
    void aRequestWithAnEmptyQueryPrintsNoQuestionMark() {
        final AdminEntry entry = rejectedEntry();
        final RequestCopy request = entry.request();
        final AdminEntry withoutQuery = new AdminEntry(entry.id(), null, entry.source(), null, null, entry.ingressId(), entry.client(),
            entry.userAgent(), entry.reason(), "", entry.at(), List.of(), ReplayState.NONE,
            new RequestCopy("POST", "", request.client(), request.receivedAt(), request.headers(), request.bodyBytes()));

        final String text = print(out -> EntryView.print(out, withoutQuery));

        assertThat(text).contains("  POST  from 203.0.113.9").doesNotContain("detail");
    }

    @Test
    void aTableOfEntriesHasTheColumnsOfItsKind() {
        final String dlq = print(out -> EntryTable.print(out, "dlq", List.of(dlqEntry())));
        final String rejected = print(out -> EntryTable.print(out, "rejected", List.of(rejectedEntry())));

        assertThat(dlq).containsPattern("dlq_7 +2026-12-03 06:10:11Z +crm +stripe +evt_1 +exhausted +2 +yes").contains("1 entry");
        assertThat(rejected).doesNotContain("SUBSCRIPTION").containsPattern("rej_3 +2026-12-03 06:10:11Z +github +- +bad_signature +no");
    }

    @Test
    void attemptsOfTheDeliveryLogSayWhereTheyWaitedAndWhatFollowed() {
        final String text = print(out -> AttemptLines.print(out, delivery().attempts()));

        assertThat(text).containsPattern("#1 +2026-12-03 06:10:11Z +from dispatch +500 +30 ms +retry in 1s \\(due 2026-12-03 06:10:12Z\\)")
            .containsPattern("#2 +2026-12-03 06:10:12Z +from 1s +204 +8 ms +delivered");
    }

    private static AdminClient.Answer answer(final String json) throws Exception {
        return new AdminClient.Answer("http://127.0.0.1:8081", 200, Json.mapper().readTree(json));
    }

    private static String print(final java.util.function.Consumer<PrintStream> printer) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        printer.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

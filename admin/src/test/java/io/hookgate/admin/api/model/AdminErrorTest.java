package io.hookgate.admin.api.model;

import io.hookgate.admin.internals.errors.BadRequest;
import io.hookgate.admin.internals.errors.Conflict;
import io.hookgate.admin.internals.errors.ErrorAnswers;
import io.hookgate.core.config.ConfigProblem;
import io.hookgate.core.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The error bodies the server writes, byte for byte, and read back as the record the CLI reads. */
class AdminErrorTest {

    @Test
    void aRequestCheckedAsAWholeListsEveryProblemAndNoField() {
        final BadRequest refused = BadRequest.problems("invalid_subscription", "the subscription",
            List.of(new ConfigProblem("url", "must be https"), new ConfigProblem("sources[0]", "unknown source nope")));

        final String json = Json.writeString(ErrorAnswers.of(refused, "req-1").body());

        assertThat(json).isEqualTo("{\"error\":\"invalid_subscription\",\"message\":\"the subscription has 2 problems, the first: "
            + "url: must be https\",\"problems\":[{\"path\":\"url\",\"message\":\"must be https\"},"
            + "{\"path\":\"sources[0]\",\"message\":\"unknown source nope\"}]}");
        assertThat(Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), AdminError.class)).isEqualTo(refused.body());
    }

    @Test
    void aFieldAtFaultIsNamedAndNothingElseIsAdded() {
        final String json = Json.writeString(ErrorAnswers.of(BadRequest.parameter("limit", "must be 1 to 1000"), "req-2").body());

        assertThat(json).isEqualTo("{\"error\":\"invalid_parameter\",\"message\":\"limit: must be 1 to 1000\",\"field\":\"limit\"}");
    }

    @Test
    void aConflictHasItsCodeAndMessageOnly() {
        final String json = Json.writeString(ErrorAnswers.of(new Conflict("already_replayed", "replayed at 10:00; add force"), "r").body());

        assertThat(json).isEqualTo("{\"error\":\"already_replayed\",\"message\":\"replayed at 10:00; add force\"}");
    }

    @Test
    void anInternalErrorSaysOnlyTheRequestId() {
        final ErrorAnswers.Answer answer = ErrorAnswers.of(new IllegalStateException("secret internals"), "req-3");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(Json.writeString(answer.body())).isEqualTo("{\"error\":\"internal_error\",\"message\":\"the admin API failed "
            + "unexpectedly; the log has request req-3\",\"requestId\":\"req-3\"}");
    }
}

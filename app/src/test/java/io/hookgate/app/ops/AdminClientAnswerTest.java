package io.hookgate.app.ops;

import io.hookgate.admin.api.model.AdminError;
import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.core.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the ops commands say when --admin names the admin port of a process without the admin part. */
class AdminClientAnswerTest {

    @Test
    void anAdminPortWithoutTheAdminPartIsAUsageError() throws Exception {
        final CliFailure failure = new AdminClient.Answer("http://127.0.0.1:8082", 404, Json.mapper().readTree(
            "{\"error\":\"admin_api_elsewhere\",\"message\":\"this process does not run the admin part\"}")).failure();
        assertThat(failure.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(failure.getMessage()).contains("http://127.0.0.1:8082 is the admin port of a process without the admin part")
            .contains("hookgate admin");
    }

    @Test
    void anyOtherNotFoundIsTheApisOwnWords() throws Exception {
        final CliFailure failure = new AdminClient.Answer("http://127.0.0.1:8081", 404, Json.mapper().readTree(
            "{\"error\":\"not_found\",\"message\":\"no entry dlq_1\"}")).failure();
        assertThat(failure.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(failure.getMessage()).isEqualTo("not_found: no entry dlq_1");
    }

    @Test
    void theServersErrorRecordReadsBackWithItsFieldAndEveryProblem() throws Exception {
        final AdminError written = new AdminError("invalid_subscription", "the subscription has 2 problems", "url",
            List.of(new AdminError.Problem("url", "must be https"), new AdminError.Problem("sources[0]", "unknown source nope")), null);

        final CliFailure failure = new AdminClient.Answer("http://127.0.0.1:8081", 400, Json.mapper().readTree(Json.writeString(written)))
            .failure();

        assertThat(failure.exitCode()).isEqualTo(ExitCodes.forStatus(400));
        assertThat(failure.getMessage()).isEqualTo("invalid_subscription: the subscription has 2 problems [url]\n"
            + "  url: must be https\n  sources[0]: unknown source nope");
    }

    @Test
    void aBodyThatIsNotAnErrorRecordIsAnInternalFailure() throws Exception {
        final CliFailure failure = new AdminClient.Answer("http://127.0.0.1:8081", 400, Json.mapper().readTree(
            "{\"error\":\"x\",\"problems\":\"not a list\"}")).failure();

        assertThat(failure.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(failure.getMessage()).contains("not the admin API's AdminError");
    }

}

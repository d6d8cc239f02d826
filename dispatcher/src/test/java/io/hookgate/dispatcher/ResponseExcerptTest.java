package io.hookgate.dispatcher;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.SubscriberResponse;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.dispatcher.internals.http.DeliveryClient;
import io.hookgate.dispatcher.internals.http.HttpOutcome;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What an attempt keeps of a receiver's answer: its status, a few headers, the first KiB of its body. */
class ResponseExcerptTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private RecordingReceiver receiver;
    private DeliveryClient client;
    private HookgateConfig config;

    @BeforeEach
    void start() throws Exception {
        receiver = new RecordingReceiver();
        client = new DeliveryClient(SystemDefaultDnsResolver.INSTANCE, timer, Clock.systemUTC());
        config = new ConfigLoader(DispatcherIT.ONE_PROVIDER, Map.<String, String>of()::get).parse("""
            sources: {s: {provider: standard-webhooks}}
            subscriptions:
              hook: {url: "%s", allowInsecureUrl: true, sources: [s], secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}
            """.formatted(receiver.url("/hook")));
    }

    @AfterEach
    void stop() {
        client.close();
        receiver.close();
        timer.shutdownNow();
    }

    private HttpOutcome post() throws Exception {
        return client.post(config.subscriptions().get("hook"), HttpHeaders.empty(), "{}".getBytes(StandardCharsets.UTF_8))
            .get(10, TimeUnit.SECONDS);
    }

    @Test
    void keepsTheStatusHeadersAndBodyOfAnAnswer() throws Exception {
        receiver.answer(request -> new RecordingReceiver.Answer(500, Map.of("Content-Type", "application/json", "Retry-After", "7"), 0,
            "{\"error\":\"db down\"}".getBytes(StandardCharsets.UTF_8)));
        final HttpOutcome outcome = post();
        assertThat(outcome.status()).isEqualTo(500);
        assertThat(outcome.retryAfter()).hasValueSatisfying(wait -> assertThat(wait.toSeconds()).isEqualTo(7));
        final SubscriberResponse response = outcome.response();
        assertThat(response.body()).isEqualTo("{\"error\":\"db down\"}");
        assertThat(response.truncated()).isFalse();
        assertThat(response.headers().keySet()).startsWith("content-type", "retry-after");
        assertThat(response.headers()).containsEntry("content-type", "application/json");
    }

    @Test
    void aLongBodyIsReadToItsEndButOnlyItsFirstKibibyteKept() throws Exception {
        final byte[] big = "z".repeat(3_000_000).getBytes(StandardCharsets.US_ASCII);
        receiver.answer(request -> new RecordingReceiver.Answer(200, Map.of(), 0, big));
        final HttpOutcome outcome = post();
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.response().body()).hasSize(SubscriberResponse.MAX_BODY_BYTES);
        assertThat(outcome.response().bodyBytes()).isEqualTo(big.length);
        assertThat(outcome.response().truncated()).isTrue();
    }

    @Test
    void anAnswerWithoutABodyHasNone() throws Exception {
        receiver.answer(request -> RecordingReceiver.Answer.status(204));
        final HttpOutcome outcome = post();
        assertThat(outcome.status()).isEqualTo(204);
        assertThat(outcome.response().body()).isNull();
        assertThat(outcome.response().bodyBytes()).isZero();
    }
}

package io.hookgate.core.topics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    void namesFollowTheSpecWithThePrefix() {
        final Topics topics = new Topics("hookgate.");
        assertThat(topics.raw()).isEqualTo("hookgate.ingress.raw");
        assertThat(topics.rejected()).isEqualTo("hookgate.events.rejected");
        assertThat(topics.verified("stripe")).isEqualTo("hookgate.verified.stripe");
        assertThat(topics.dispatch()).isEqualTo("hookgate.dispatch");
        assertThat(topics.retry(Duration.ofMinutes(30))).isEqualTo("hookgate.dispatch.retry.30m");
        assertThat(topics.dlq()).isEqualTo("hookgate.dispatch.dlq");
    }

    @Test
    void repeatedDelaysShareOneRetryTopic() {
        final Topics topics = new Topics("");
        assertThat(topics.retryTopics(List.of(Duration.ofSeconds(5), Duration.ofHours(10), Duration.ofHours(10))))
            .containsExactly("dispatch.retry.5s", "dispatch.retry.10h");
    }
}

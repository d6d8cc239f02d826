package io.hookgate.bench.sink;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SinkTest {

    @Test
    void sendTimeIsFoundInsideAnEnvelope() {
        final String envelope = "{\"id\":\"evt\",\"payload\":{\"type\":\"bench.event\",\"seq\":7,\"sentAtMicros\":1796171418123456,\"note\":\"x\"}}";
        assertThat(Sink.sentAtMicros(envelope.getBytes(StandardCharsets.UTF_8))).isEqualTo(1796171418123456L);
    }

    @Test
    void aBodyWithoutSendTimeHasNone() {
        assertThat(Sink.sentAtMicros("{\"sentAt\":1}".getBytes(StandardCharsets.UTF_8))).isZero();
        assertThat(Sink.sentAtMicros(new byte[0])).isZero();
    }
}

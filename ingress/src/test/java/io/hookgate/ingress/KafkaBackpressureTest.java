package io.hookgate.ingress;

import io.hookgate.core.testing.ManualTicker;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBackpressureTest {

    @Test
    void boundsTheBytesAwaitingKafka() {
        final KafkaBackpressure backpressure = new KafkaBackpressure(1000, Duration.ofSeconds(10), new ManualTicker());
        assertThat(backpressure.tryAcquire(600)).isTrue();
        assertThat(backpressure.tryAcquire(600)).isFalse();
        assertThat(backpressure.tryAcquire(400)).isTrue();
        backpressure.release(600, true);
        assertThat(backpressure.inFlightBytes()).isEqualTo(400);
        assertThat(backpressure.tryAcquire(600)).isTrue();
    }

    @Test
    void refusesAtOnceWhileWritesWaitWithoutAcknowledgementAndRecoversOnTheFirstAck() {
        final ManualTicker ticker = new ManualTicker();
        final KafkaBackpressure backpressure = new KafkaBackpressure(1_000_000, Duration.ofMillis(100), ticker);
        assertThat(backpressure.tryAcquire(10)).isTrue();
        ticker.advance(Duration.ofMillis(100));
        assertThat(backpressure.isStalled()).as("waited exactly the limit: not yet").isFalse();
        ticker.advance(Duration.ofMillis(1));
        assertThat(backpressure.isStalled()).isTrue();
        assertThat(backpressure.tryAcquire(10)).isFalse();
        backpressure.release(10, false);
        assertThat(backpressure.isStalled()).as("nothing waits: the next request probes").isFalse();
        assertThat(backpressure.tryAcquire(10)).isTrue();
        assertThat(backpressure.tryAcquire(10)).isTrue();
        ticker.advance(Duration.ofMillis(150));
        assertThat(backpressure.isStalled()).isTrue();
        backpressure.release(10, true);
        assertThat(backpressure.isStalled()).as("an acknowledgement means Kafka is back").isFalse();
    }
}

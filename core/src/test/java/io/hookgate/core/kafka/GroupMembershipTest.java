package io.hookgate.core.kafka;

import io.hookgate.core.config.ConfigException;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.ConfigLoaderTest;
import io.hookgate.core.config.ConfigProblem;
import io.hookgate.core.config.KafkaSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GroupMembershipTest {

    private static final String SOURCES = "sources: {demo: {provider: standard-webhooks}}\n";

    private final ConfigLoader loader = new ConfigLoader(ConfigLoaderTest.PROVIDERS, name -> null);

    private KafkaSettings kafka(final String section) {
        return loader.parse("kafka: " + section + "\n" + SOURCES).kafka();
    }

    @Test
    void theClassicProtocolCarriesTheSessionTimeoutWithAHeartbeatAThirdOfIt() {
        assertThat(GroupMembership.consumer(kafka("{sessionTimeout: 6s}"))).containsOnly(
            Map.entry("group.protocol", "classic"), Map.entry("session.timeout.ms", 6000), Map.entry("heartbeat.interval.ms", 2000));
        assertThat(GroupMembership.streams(kafka("{}"))).containsOnly(Map.entry("group.protocol", "classic"),
            Map.entry("main.consumer.session.timeout.ms", 15000), Map.entry("main.consumer.heartbeat.interval.ms", 3000));
    }

    @Test
    void theConsumerProtocolLeavesTimeoutsToTheBrokersAndKeepsPartitionsAlignedAcrossTopics() {
        final KafkaSettings kafka = kafka("{groupProtocol: consumer, sessionTimeout: 6s}");
        // A client that sets session.timeout.ms with group.protocol=consumer is refused by the consumer.
        assertThat(GroupMembership.consumer(kafka)).containsOnly(
            Map.entry("group.protocol", "consumer"), Map.entry("group.remote.assignor", "range"));
        assertThat(GroupMembership.streams(kafka)).containsOnly(Map.entry("group.protocol", "streams"));
    }

    @Test
    void anUnknownProtocolOrAnAbsurdSessionTimeoutIsRefusedAtLoad() {
        final ConfigException error = catchThrowableOfType(ConfigException.class,
            () -> kafka("{groupProtocol: streams, sessionTimeout: 500ms}"));
        assertThat(error.problems()).extracting(ConfigProblem::path)
            .containsExactlyInAnyOrder("kafka.groupProtocol", "kafka.sessionTimeout");
        assertThat(error.getMessage()).contains("'streams' is not one of classic, consumer").contains("500ms is outside 1s..30m");
    }
}

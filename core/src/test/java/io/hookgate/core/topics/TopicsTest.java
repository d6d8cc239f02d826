package io.hookgate.core.topics;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.ProviderCatalog;
import io.hookgate.core.config.ProviderSpec;
import io.hookgate.core.kafka.RecordLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

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
    void everyTopicIsCreatedToCarryTheLargestRequestAndWithMinInSyncReplicas() {
        final HookgateConfig config = new ConfigLoader(new ProviderCatalog() {
            @Override
            public Optional<ProviderSpec> find(final String name) {
                return Optional.of(() -> name);
            }

            @Override
            public SortedSet<String> names() {
                return new TreeSet<>(List.of("standard-webhooks"));
            }
        }, name -> null).parse("""
            kafka: {replicationFactor: 3, retention: 2d}
            sources:
              a: {provider: standard-webhooks, maxBodyBytes: 4194304}
              b: {provider: standard-webhooks}
            """);
        final List<TopicSpec> specs = new Topics("hg.").all(config);
        final int needed = RecordLimits.of(config).maxRequestBytes();
        assertThat(needed).isGreaterThan(4_194_304 + config.ingress().maxHeaderBytes());
        assertThat(specs).allSatisfy(spec -> assertThat(spec.configs()).containsEntry("min.insync.replicas", "2"));
        assertThat(specs).filteredOn(spec -> !spec.compacted())
            .allSatisfy(spec -> assertThat(spec.configs()).containsEntry("max.message.bytes", Integer.toString(needed)));
        // Rejected copies hold what senders presented: kept no longer than the raw requests.
        assertThat(specs).filteredOn(spec -> spec.name().equals("hg.events.rejected")).singleElement()
            .extracting(TopicSpec::retention).isEqualTo(Duration.ofDays(2));
        // The park topic keeps what the retry tiers keep; operational events last as long as the DLQ.
        assertThat(specs).filteredOn(spec -> spec.name().equals("hg.dispatch.parked")).singleElement()
            .extracting(TopicSpec::retention).isEqualTo(Duration.ofDays(2).plusHours(10));
        assertThat(specs).filteredOn(spec -> spec.name().equals("hg.events.operational")).singleElement()
            .extracting(TopicSpec::retention).isEqualTo(Duration.ofDays(8));
    }

    @Test
    void repeatedDelaysShareOneRetryTopic() {
        final Topics topics = new Topics("");
        assertThat(topics.retryTopics(List.of(Duration.ofSeconds(5), Duration.ofHours(10), Duration.ofHours(10))))
            .containsExactly("dispatch.retry.5s", "dispatch.retry.10h");
    }
}

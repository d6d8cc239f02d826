package io.hookgate.app.topics;

import io.hookgate.app.cli.ConfigOption;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.TopicSpec;
import io.hookgate.core.topics.Topics;
import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.core.config.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code hookgate topics create}: creates every topic the configuration needs. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Manage hookgate's topics.",
    subcommands = TopicsCommand.Create.class)
public final class TopicsCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create every topic the configuration needs, with partitions, replication and retention from it.")
    static final class Create implements java.util.concurrent.Callable<Integer> {

        private static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);

        @Mixin
        private ConfigOption config;

        @Override
        public Integer call() {
            final HookgateConfig loaded = config.load();
            final List<TopicSpec> specs = new Topics(loaded.kafka().topicPrefix()).all(loaded);
            try (Admin admin = Admin.create(KafkaClients.config(loaded.kafka(), loaded.kafka().topicPrefix() + "topics", Map.of()))) {
                requireReachable(admin, loaded.kafka().bootstrapServers());
                final TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
                final List<String> created = provisioner.createMissing(specs);
                provisioner.ensureRecordSize(specs, RecordLimits.of(loaded), RecordLimits.bodyLimitPath(loaded), true);
                for (TopicSpec spec : specs) {
                    System.out.printf("%-8s %s (partitions %d, replication %d, retention %s)%n",
                        created.contains(spec.name()) ? "created" : "exists", spec.name(), spec.partitions(),
                        spec.replicationFactor(), io.hookgate.core.config.Durations.format(spec.retention()));
                }
            }
            return 0;
        }

        /** Fails at once, naming the address, when no broker answers: not after the provisioner's own waits. */
        private static void requireReachable(final Admin admin, final String bootstrapServers) {
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) REACH_TIMEOUT.toMillis())).clusterId()
                    .get(REACH_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new CliFailure(ExitCodes.UNAVAILABLE, "no Kafka broker answered at " + bootstrapServers + " within "
                    + REACH_TIMEOUT.toSeconds() + " s (kafka.bootstrapServers, or " + KafkaSettings.BOOTSTRAP_SERVERS_ENV + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(ExitCodes.UNAVAILABLE, "interrupted while reaching Kafka at " + bootstrapServers, e);
            }
        }
    }
}

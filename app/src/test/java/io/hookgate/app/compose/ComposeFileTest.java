package io.hookgate.app.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.providers.Providers;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} holds what docs/OPERATIONS.md says it does: three KRaft nodes of the
 * clients' Kafka version, topics at replication 3 and min.insync 2, two instances of each part, the
 * admin part and a demo receiver, each hookgate service with a /readyz health check, a configuration
 * file that exists and loads, and the environment it needs. No Docker needed (ComposeStackIT runs it).
 */
class ComposeFileTest {

    /** What a host gives docker compose: the secrets it needs, nothing else. */
    static final Map<String, String> HOST = Map.of(
        "STRIPE_WEBHOOK_SECRET", "whsec_stripe_compose_test",
        "BILLING_HOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "HOOKGATE_ADMIN_TOKEN", "a-compose-admin-token-of-some-length");
    private static final List<String> KAFKA_NODES = List.of("kafka-1", "kafka-2", "kafka-3");
    private static final String HOOKGATE_IMAGE = "hookgate";

    private static ComposeFile compose;

    @BeforeAll
    static void load() throws Exception {
        compose = ComposeFile.load();
    }

    @Test
    void threeKraftNodesOfTheClientsVersionFormOneQuorumAndReplicateThreeTimes() {
        final Set<String> clusterIds = new TreeSet<>();
        for (int i = 0; i < KAFKA_NODES.size(); i++) {
            final JsonNode node = compose.service(KAFKA_NODES.get(i));
            assertThat(node.path("image").asText()).as("pinned to the Kafka clients' version")
                .isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
            final Map<String, String> env = ComposeFile.environment(node, HOST::get);
            assertThat(env).containsEntry("KAFKA_NODE_ID", Integer.toString(i + 1))
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + KAFKA_NODES.get(i) + ":9092")
                .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            clusterIds.add(env.get("CLUSTER_ID"));
            assertThat(node.path("healthcheck").path("test").toString()).contains("kafka-broker-api-versions.sh");
            assertThat(node.path("volumes").get(0).asText()).as("data survives a restart").endsWith(":/var/lib/kafka/data");
        }
        assertThat(clusterIds).as("one cluster id, set").hasSize(1).doesNotContainNull();
    }

    @Test
    void twoInstancesOfEachPartOneAdminAndTheTopicsJobRunTheHookgateImage() {
        final Map<String, List<List<String>>> byPart = compose.servicesOfImage(HOOKGATE_IMAGE).values().stream()
            .map(ComposeFile::command).collect(Collectors.groupingBy(command -> command.get(0)));
        assertThat(byPart.keySet()).containsExactlyInAnyOrder("topics", "ingress", "processor", "dispatcher", "admin");
        assertThat(byPart.get("ingress")).hasSize(2);
        assertThat(byPart.get("processor")).hasSize(2);
        assertThat(byPart.get("dispatcher")).hasSize(2);
        assertThat(byPart.get("admin")).hasSize(1);
        assertThat(compose.service("topics").path("depends_on").fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(KAFKA_NODES);
        compose.service("topics").path("depends_on").forEach(dependency ->
            assertThat(dependency.path("condition").asText()).isEqualTo("service_healthy"));
    }

    @Test
    void everyLongRunningHookgateServiceIsHealthyOnlyWhenReadyAndWaitsForTheTopics() throws Exception {
        for (Map.Entry<String, JsonNode> service : compose.servicesOfImage(HOOKGATE_IMAGE).entrySet()) {
            if (service.getKey().equals("topics")) {
                continue;
            }
            final JsonNode value = service.getValue();
            final HookgateConfig config = config(value);
            assertThat(value.path("healthcheck").path("test").toString()).as(service.getKey())
                .contains("/dev/tcp/127.0.0.1/" + config.admin().port()).contains("GET /readyz").contains(" 200 ");
            assertThat(value.path("depends_on").path("topics").path("condition").asText()).as(service.getKey())
                .isEqualTo("service_completed_successfully");
            assertThat(value.path("restart").asText()).as(service.getKey()).isEqualTo("unless-stopped");
        }
    }

    @Test
    void eachHookgateServicesConfigurationExistsAndLoadsWithItsEnvironment() throws Exception {
        for (Map.Entry<String, JsonNode> service : compose.servicesOfImage(HOOKGATE_IMAGE).entrySet()) {
            final List<String> command = ComposeFile.command(service.getValue());
            assertThat(command.get(command.size() - 2)).as(service.getKey()).isEqualTo("--config");
            assertThat(ComposeFile.repositoryFile(command.get(command.size() - 1))).as(service.getKey()).isRegularFile();
            final HookgateConfig config = config(service.getValue());
            assertThat(config.kafka().bootstrapServers()).as(service.getKey()).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
            assertThat(config.kafka().replicationFactor()).as(service.getKey()).isEqualTo((short) 3);
            assertThat(config.kafka().minInSyncReplicas()).as(service.getKey()).isEqualTo(2);
            assertThat(config.kafka().partitions()).as("room for every instance of a part").isGreaterThanOrEqualTo(2);
            assertThat(config.admin().token()).as(service.getKey()).contains(HOST.get("HOOKGATE_ADMIN_TOKEN"));
        }
        assertThat(Files.readString(ComposeFile.ROOT.resolve("Dockerfile"))).as("the image holds examples/ where the commands look")
            .contains("WORKDIR /opt/hookgate").contains("COPY examples ./examples");
    }

    @Test
    void processorsAndTheAdminKeepTheirStateInVolumesOfTheirOwn() throws Exception {
        final Set<String> volumes = new TreeSet<>();
        for (String name : List.of("processor-1", "processor-2", "admin")) {
            final JsonNode service = compose.service(name);
            final String mount = service.path("volumes").get(0).asText();
            final String stateDir = name.equals("admin") ? config(service).admin().stateDir() : config(service).processor().stateDir();
            assertThat(stateDir).as(name).startsWith(mount.substring(mount.indexOf(':') + 1) + "/");
            volumes.add(mount.substring(0, mount.indexOf(':')));
        }
        assertThat(volumes).as("one volume each").hasSize(3);
        assertThat(compose.volumes().fieldNames()).toIterable().containsAll(volumes);
    }

    @Test
    void theDemoReceiverIsTheSubscriptionsDefaultEndpointAndVerifiesWithItsSecret() throws Exception {
        final JsonNode receiver = compose.service("receiver");
        final String mount = receiver.path("volumes").get(0).asText();
        assertThat(ComposeFile.ROOT.resolve(mount.substring(0, mount.indexOf(':')))).isRegularFile();
        final Map<String, String> env = ComposeFile.environment(receiver, HOST::get);
        assertThat(env).containsEntry("BILLING_HOOK_SECRET", HOST.get("BILLING_HOOK_SECRET"));
        final HookgateConfig config = config(compose.service("dispatcher-1"));
        assertThat(config.subscription("billing").orElseThrow().url().toString()).isEqualTo("http://receiver:" + env.get("PORT") + "/billing");
        assertThat(receiver.path("healthcheck").path("test").toString()).contains("/healthz");
    }

    /** The configuration {@code service} runs with, loaded as the part would load it with the service's environment. */
    private static HookgateConfig config(final JsonNode service) {
        final Map<String, String> env = ComposeFile.environment(service, HOST::get);
        final List<String> command = ComposeFile.command(service);
        final Path file = ComposeFile.repositoryFile(command.get(command.size() - 1));
        return new ConfigLoader(Providers.builtIn(), env::get).load(file);
    }
}

package io.hookgate.app.tail;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.cli.ShutdownSignal;
import io.hookgate.app.ops.AdminClient;
import io.hookgate.app.ops.AdminCommand;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.KafkaSettings;
import io.hookgate.core.json.Json;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code hookgate listen --forward-to URL}: forwards a running gateway's events to a local app for as
 * long as it runs, as {@code stripe listen} does. It makes a subscription through the admin API
 * ({@link ListenSubscription}: {@code listen-} and a random part, the signing secret made by the
 * gateway), prints its id, its secret and {@code Ready! Forwarding SOURCES -> URL (secret ...)}, then
 * a line per delivery attempt of that subscription (status and time), read from the gateway's
 * {@code dispatch.attempts} topic (the cluster as {@link ListenKafka} finds it); on Ctrl-C or SIGTERM
 * it deletes the subscription and says so. Killed without its shutdown hook (SIGKILL), the
 * subscription remains: its id, printed first, deletes it with {@code hookgate subscriptions delete}.
 * Kafka is checked before the subscription is made, so a cluster that cannot be read leaves nothing
 * behind. With {@code --json}: the admin API's answer to the create, then each attempt record, a JSON
 * object a line.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
    description = {"Forward a running gateway's events to a local app while this runs (like stripe listen): it makes a "
        + "subscription listen-..., prints its signing secret, then a line per delivery with status and time; Ctrl-C deletes it.",
        "Finds the admin API as hookgate subscriptions does; reads the deliveries from the gateway's Kafka topic dispatch.attempts "
            + "(--kafka, else kafka.bootstrapServers of --config, else $" + KafkaSettings.BOOTSTRAP_SERVERS_ENV
            + ", else 127.0.0.1:9092 where hookgate dev's broker listens)."},
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE,
        "2:bad usage, or a subscription the gateway refused (each problem is listed)", "4:a subscription with this id exists",
        ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
public final class ListenCommand extends AdminCommand {

    /** How long a stop waits for the subscription to be deleted. */
    static final Duration STOP_GRACE = Duration.ofSeconds(15);

    @Option(names = "--forward-to", required = true, paramLabel = "URL",
        description = "Where each event goes, e.g. http://localhost:3000/hook; plain http and loopback or private addresses are allowed.")
    String forwardTo;

    @Option(names = "--source", paramLabel = "SOURCE", split = ",",
        description = "A source whose events to forward; repeat it for several. Default: every source of --config "
            + "(without --config, at least one is needed).")
    List<String> sources;

    @Option(names = {"--events", "--event-type"}, paramLabel = "PATTERN", split = ",",
        description = "Only events of this type (* for any characters: 'order.*'); repeat it for several. Default: every type.")
    List<String> events;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
        description = "The gateway's Kafka cluster, where the deliveries are read. Default: kafka.bootstrapServers of --config, else $"
            + KafkaSettings.BOOTSTRAP_SERVERS_ENV + ", else 127.0.0.1:9092 (hookgate dev's broker).")
    String kafka;

    @Mixin
    ColourOption colour;

    @Override
    protected int run() {
        final Optional<HookgateConfig> loaded = configuration();
        final ListenSubscription wanted = ListenSubscription.of(forwardTo, sourcesOf(loaded), events == null ? List.of() : events,
            new SecureRandom());
        final KafkaSettings cluster = ListenKafka.resolve(kafka, loaded, this::variable);
        final AdminClient admin = client();
        final LiveFeed<ConsumerRecord<byte[], byte[]>> feed = LiveFeed.attemptsOf(cluster, wanted.id());
        follow(feed, cluster);
        final JsonNode created;
        try {
            created = ok(admin.post(ListenSubscription.PATH, Map.of(), wanted.body()));
        } catch (RuntimeException e) {
            feed.discard();
            throw e;
        }
        ready(created, cluster);
        final Consumer<ConsumerRecord<byte[], byte[]>> print = printer(cluster);
        ShutdownSignal.runUntilStopped(() -> {
            try {
                feed.run(print);
            } finally {
                remove(admin, wanted.id());
            }
        }, feed::close, STOP_GRACE);
        return ExitCodes.OK;
    }

    private List<String> sourcesOf(final Optional<HookgateConfig> loaded) {
        if (sources != null && !sources.isEmpty()) {
            return sources;
        }
        return loaded.map(config -> List.copyOf(config.sources().keySet())).orElse(List.of());
    }

    /** Starts reading the deliveries before the subscription exists, so that none is missed and a dead cluster leaves nothing behind. */
    private static void follow(final LiveFeed<?> feed, final KafkaSettings cluster) {
        final int partitions;
        try {
            partitions = feed.start(null, TailCommand.REACH_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, e.getMessage() + ": listen reads the deliveries there (give --kafka HOST:PORT, "
                + "or --config FILE with kafka.bootstrapServers); nothing was made", e);
        }
        if (partitions == 0) {
            feed.discard();
            throw CliFailure.usage("the Kafka cluster at " + cluster.bootstrapServers() + " has no topic "
                + new Topics(cluster.topicPrefix()).attempts() + ": is it the gateway's cluster (--kafka), with its topic prefix "
                + "(--config FILE)? nothing was made");
        }
    }

    private void ready(final JsonNode created, final KafkaSettings cluster) {
        final String id = created.path("id").asText();
        if (json) {
            System.out.println(Json.writeString(created));
            return;
        }
        final List<String> forwarded = Json.mapper().convertValue(created.path("sources"), Json.mapper().getTypeFactory()
            .constructCollectionType(List.class, String.class));
        final JsonNode types = created.path("eventTypes");
        System.out.println("Made subscription " + id + " (if this command is killed, delete it: hookgate subscriptions delete " + id + ")");
        System.out.println("Ready! Forwarding " + String.join(", ", forwarded) + (types.isEmpty() ? "" : " " + types) + " -> "
            + created.path("url").asText() + " (secret " + created.path("secret").asText() + ")");
        System.out.println("Each delivery is signed with that secret (webhook-signature; docs/VERIFYING.md). Deliveries, read from "
            + cluster.bootstrapServers() + ", follow; Ctrl-C deletes the subscription and stops.");
        System.out.flush();
    }

    private Consumer<ConsumerRecord<byte[], byte[]>> printer(final KafkaSettings cluster) {
        if (json) {
            return record -> {
                System.out.println(new String(record.value(), StandardCharsets.UTF_8));
                System.out.flush();
            };
        }
        final LiveLines lines = new LiveLines(new Topics(cluster.topicPrefix()));
        final LinePrinter printer = colour.printer(System.out);
        return record -> lines.of(record).ifPresent(printer::print);
    }

    /** Deletes the subscription, saying so (on stderr with --json); a failure is said with the command that deletes it later. */
    private void remove(final AdminClient admin, final String id) {
        final PrintStream out = json ? System.err : System.out;
        try {
            final AdminClient.Answer answer = admin.delete(ListenSubscription.PATH + "/" + segment(id));
            if (answer.status() == 404) {
                out.println("Subscription " + id + " was already deleted");
                return;
            }
            ok(answer);
            out.println("Deleted subscription " + id);
        } catch (CliFailure e) {
            System.err.println("hookgate: could not delete subscription " + id + ": " + e.getMessage()
                + "; delete it with: hookgate subscriptions delete " + id);
        }
    }
}

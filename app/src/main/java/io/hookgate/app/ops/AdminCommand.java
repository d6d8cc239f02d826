package io.hookgate.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.cli.CliFailure;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.providers.Providers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * A command that talks to a running gateway's admin API ({@code dlq}, {@code rejected},
 * {@code subscriptions}): its {@code --admin}, {@code --config} and {@code --json} options, the
 * client for the address and token found as {@link AdminTarget} says, and one way to fail. A
 * subclass implements {@link #run()} and answers its exit code; what it throws as
 * {@link CliFailure} is printed on stderr and exits with the failure's code.
 */
public abstract class AdminCommand implements Callable<Integer> {

    /** The environment variable of the admin API's bearer token. */
    public static final String TOKEN_ENV = AdminTarget.TOKEN_ENV;

    @Option(names = "--admin", paramLabel = "URL",
        description = "Admin API of a running gateway. Default: $" + AdminTarget.URL_ENV + ", else the admin port of --config, "
            + "else where the last hookgate dev here listens, else " + AdminTarget.DEFAULT_URL + ".")
    String admin;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "The gateway's configuration: its admin address and admin.token are used.")
    Path config;

    /** Whether to print the admin API's JSON instead of text for people. */
    @Option(names = "--json", description = "Print the admin API's JSON instead of text for people.")
    protected boolean json;

    /** This command as picocli parsed it. */
    @Spec
    protected CommandSpec spec;

    /** Where the token and address are read from: the process environment unless {@link #lookIn} says otherwise. */
    UnaryOperator<String> environment = System::getenv;

    /** Where dev mode keeps its token and admin address when no configuration names its data directory. */
    Path devDir = AdminTarget.DEFAULT_DEV_DIR;

    /**
     * Makes this command read the admin address and token from {@code environment} and dev mode's
     * files from {@code devDir} instead of the process environment and {@code .hookgate/} (for tests).
     */
    public void lookIn(final UnaryOperator<String> environment, final Path devDir) {
        this.environment = environment;
        this.devDir = devDir;
    }

    /**
     * A client of the admin API this command is pointed at.
     *
     * @throws CliFailure when no token can be found or the address is not an http(s) URL
     */
    protected AdminClient client() {
        final AdminTarget target = AdminTarget.resolve(admin, Optional.ofNullable(config), devDir, environment, this::load);
        return new AdminClient(target.url(), target.token());
    }

    /**
     * The configuration of {@code --config}, read as the admin address and token are; empty when none was given.
     *
     * @throws io.hookgate.core.config.ConfigException listing every problem of the file
     */
    protected Optional<HookgateConfig> configuration() {
        return Optional.ofNullable(config).map(this::load);
    }

    /** The environment variable {@code name} as this command reads it (the process's, unless {@link #lookIn} said otherwise), or null. */
    protected String variable(final String name) {
        return environment.apply(name);
    }

    private HookgateConfig load(final Path file) {
        return new ConfigLoader(Providers.builtIn(), environment::apply).load(file);
    }

    @Override
    public final Integer call() {
        return run();
    }

    /** Does the command's work and answers its exit code; fails by throwing {@link CliFailure}. */
    protected abstract int run();

    /**
     * {@code answer}'s body when it is a success.
     *
     * @throws CliFailure the failure the answer stands for, with the exit code of its status
     */
    protected static JsonNode ok(final AdminClient.Answer answer) {
        if (!answer.ok()) {
            throw answer.failure();
        }
        return answer.body();
    }

    /** The body of a successful {@code answer} as one of the admin API's records; its failure otherwise. */
    protected static <T> T ok(final AdminClient.Answer answer, final Class<T> type) {
        ok(answer);
        return answer.as(type);
    }

    /** Prints {@code answer} (a JSON tree or one of the admin API's records) as JSON with {@code --json}, else as {@code text} says. */
    protected final void print(final Object answer, final Runnable text) {
        if (json) {
            System.out.println(Json.writeString(answer));
        } else {
            text.run();
        }
    }

    /** {@code id} as one path segment. */
    protected static String segment(final String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

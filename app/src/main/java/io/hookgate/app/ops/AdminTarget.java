package io.hookgate.app.ops;

import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.Hosts;
import io.hookgate.app.dev.DevFiles;
import io.hookgate.core.config.AdminSettings;
import io.hookgate.core.config.HookgateConfig;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Where the admin API of a running gateway is and which token it takes, found the way a user
 * expects. The address: {@code --admin}, else {@code HOOKGATE_ADMIN_URL}, else the admin host and
 * port of {@code --config}, else where the last {@code hookgate dev} of this directory listened,
 * else {@code http://127.0.0.1:8081}. The token: {@code HOOKGATE_ADMIN_TOKEN}, else
 * {@code admin.token} of {@code --config}, else the token dev mode keeps under its data directory.
 *
 * @param url   the admin API's base URL
 * @param token the bearer token
 */
record AdminTarget(String url, String token) {

    static final String URL_ENV = "HOOKGATE_ADMIN_URL";
    static final String TOKEN_ENV = "HOOKGATE_ADMIN_TOKEN";
    static final String DEFAULT_URL = "http://127.0.0.1:8081";
    /** Dev mode's data directory when no configuration says otherwise. */
    static final Path DEFAULT_DEV_DIR = Path.of(".hookgate");

    /**
     * @param adminOption the {@code --admin} value, or null
     * @param config      the configuration of {@code --config} (loaded only when given)
     * @param defaultDevDir dev mode's data directory when no configuration is given
     * @param environment the process environment
     * @throws CliFailure when no token can be found
     */
    static AdminTarget resolve(final String adminOption, final Optional<Path> config, final Path defaultDevDir,
                               final UnaryOperator<String> environment, final Function<Path, HookgateConfig> loader) {
        final HookgateConfig loaded = config.map(loader).orElse(null);
        final DevFiles dev = new DevFiles(loaded == null ? defaultDevDir : Path.of(loaded.dev().dataDir()));
        final String url = firstOf(adminOption, environment.apply(URL_ENV))
            .or(() -> Optional.ofNullable(loaded).flatMap(c -> configured(c.admin(), dev)))
            .or(dev::adminUrl)
            .orElse(DEFAULT_URL);
        final String token = firstOf(environment.apply(TOKEN_ENV), null)
            .or(() -> Optional.ofNullable(loaded).flatMap(c -> c.admin().token()))
            .or(dev::token)
            .orElseThrow(() -> CliFailure.usage("no admin token: set " + TOKEN_ENV + " (hookgate dev prints an export line with it), "
                + "or give --config FILE with admin.token"));
        return new AdminTarget(url, token);
    }

    /** The admin address a configuration names, as a client reaches it from this host. */
    private static Optional<String> configured(final AdminSettings admin, final DevFiles dev) {
        if (admin.port() == 0) {
            // Any free port: only the process knows; dev mode wrote it down.
            return dev.adminUrl();
        }
        return Optional.of("http://" + Hosts.reachable(admin.host()) + ":" + admin.port());
    }

    private static Optional<String> firstOf(final String first, final String second) {
        if (first != null && !first.isBlank()) {
            return Optional.of(first);
        }
        return second == null || second.isBlank() ? Optional.empty() : Optional.of(second);
    }
}

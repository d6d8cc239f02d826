package io.hookgate.app.ops.subscriptions;

import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.ops.AdminCommand;
import io.hookgate.core.config.Durations;

/**
 * What every {@code hookgate subscriptions} command shares: the admin API's paths of
 * subscriptions, and one way to print an answer (its JSON with {@code --json}, else text for people).
 */
abstract class SubscriptionCommand extends AdminCommand {

    /** The collection of subscriptions on the admin port. */
    static final String PATH = "/admin/subscriptions";

    /** The path of subscription {@code id}, then {@code action} ({@code secret}, {@code disable}, ...) when given. */
    static String path(final String id, final String... action) {
        return PATH + "/" + segment(id) + (action.length == 0 ? "" : "/" + String.join("/", action));
    }

    /**
     * {@code text}, the value of {@code option}, when it is a duration ({@code 10s}, {@code 24h}) or null.
     *
     * @throws CliFailure ({@link ExitCodes#USAGE}) naming the syntax when it is not
     */
    static String duration(final String option, final String text) {
        if (text != null) {
            try {
                Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCodes.USAGE, option + " " + e.getMessage(), e);
            }
        }
        return text;
    }
}

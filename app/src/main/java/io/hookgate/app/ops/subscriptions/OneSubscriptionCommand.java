package io.hookgate.app.ops.subscriptions;

import picocli.CommandLine.Parameters;

/** A {@code hookgate subscriptions} command about one subscription, named by its id, the command's parameter. */
abstract class OneSubscriptionCommand extends SubscriptionCommand {

    @Parameters(paramLabel = "ID", description = "The subscription's id.")
    String id;
}

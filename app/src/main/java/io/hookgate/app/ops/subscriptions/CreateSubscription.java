package io.hookgate.app.ops.subscriptions;

import io.hookgate.admin.api.model.NewSecret;
import io.hookgate.admin.api.model.Subscription;
import io.hookgate.app.ops.AdminClient;
import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code hookgate subscriptions create}: {@code POST /admin/subscriptions} with the fields given,
 * then the subscription as created and its signing secret, which is shown this once only.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Create a subscription while the gateway runs (in force everywhere within 5 s). It prints the signing secret "
        + "once: give it to the subscriber, which verifies every delivery with it.",
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE,
        "2:bad usage, or a subscription the gateway refused (each problem is listed)", "4:a subscription with this id exists",
        ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
final class CreateSubscription extends SubscriptionCommand {

    @Option(names = "--id", paramLabel = "ID", description = "Its id. Default: one the gateway makes.")
    String id;

    @Mixin
    SubscriptionFields fields;

    @Override
    protected int run() {
        if (fields.url == null || fields.sources == null || fields.sources.isEmpty()) {
            throw CliFailure.usage("a subscription needs --url and at least one --source");
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        if (id != null) {
            body.put("id", id);
        }
        body.putAll(fields.body());
        final AdminClient.Answer answer = client().post(PATH, Map.of(), body);
        // The subscription's fields, and beside them its secret, shown this once.
        final Subscription created = ok(answer, Subscription.class);
        final NewSecret secret = answer.as(NewSecret.class);
        print(answer.body(), () -> {
            System.out.println("created subscription " + created.id());
            SubscriptionView.fields(System.out, created);
            if (secret.secret() != null) {
                System.out.println();
                SecretLines.print(System.out, secret.secret());
            }
        });
        return ExitCodes.OK;
    }
}

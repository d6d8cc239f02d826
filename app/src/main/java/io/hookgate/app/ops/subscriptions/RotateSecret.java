package io.hookgate.app.ops.subscriptions;

import io.hookgate.admin.api.model.NewSecret;
import io.hookgate.app.ops.AdminClient;
import io.hookgate.app.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code hookgate subscriptions rotate-secret ID}: {@code POST /admin/subscriptions/{id}/secret}
 * with {@code secret} and {@code keepPreviousFor} where given, then the new secret, shown this once.
 */
@Command(name = "rotate-secret", mixinStandardHelpOptions = true,
    description = "Give a subscription a new signing secret: it signs every attempt from now on, and the previous one signs beside it "
        + "for --keep-previous-for, so that the subscriber can switch without refusing a delivery.",
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.NOT_FOUND_LINE, "4:declared in the configuration file: change its secret there", ExitCodes.UNAVAILABLE_LINE,
        ExitCodes.UNAUTHORIZED_LINE})
final class RotateSecret extends OneSubscriptionCommand {

    @Option(names = "--secret", paramLabel = "SECRET", description = "The new secret, whsec_ and base64. Default: a fresh one.")
    String secret;

    @Option(names = "--keep-previous-for", paramLabel = "DURATION",
        description = "How long the previous secret goes on signing beside the new one, e.g. 24h.")
    String keepPreviousFor;

    @Override
    protected int run() {
        final Map<String, Object> body = new LinkedHashMap<>();
        if (secret != null) {
            body.put("secret", secret);
        }
        if (keepPreviousFor != null) {
            body.put("keepPreviousFor", duration("--keep-previous-for", keepPreviousFor));
        }
        final AdminClient.Answer answer = client().post(path(id, "secret"), Map.of(), body);
        final NewSecret secret = ok(answer, NewSecret.class);
        print(answer.body(), () -> {
            SecretLines.print(System.out, secret.secret());
            System.out.println(keepPreviousFor == null
                ? "It signs every attempt from now on (--keep-previous-for 24h keeps the previous one signing beside it while the "
                    + "subscriber switches)."
                : "It signs every attempt from now on; the previous one signs beside it for " + keepPreviousFor + ".");
        });
        return ExitCodes.OK;
    }
}

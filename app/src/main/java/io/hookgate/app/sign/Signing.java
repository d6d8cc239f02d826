package io.hookgate.app.sign;

import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.Hosts;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.text.DidYouMean;
import io.hookgate.providers.Providers;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;

import java.time.Instant;
import java.util.List;

/**
 * What {@code sign} and {@code trigger} send to a source: a body given by the user, a sample event of
 * a named type (the provider's fixtures), or the provider's default sample, signed now as the
 * provider signs; and where the source's ingress URL is.
 */
final class Signing {

    private Signing() {
    }

    /**
     * @param source must be configured (checked by the caller)
     * @param type   a sample type of the source's provider, or null
     * @param body   the bytes to sign, or null for a sample
     * @throws CliFailure when {@code type} is not one of the provider's samples, or is given with a body
     */
    static SignedRequest request(final HookgateConfig config, final String source, final String type, final byte[] body,
                                 final Instant now) {
        final SourceScheme scheme = Providers.builtIn().bind(config).forSource(source).orElseThrow();
        if (type != null && body != null) {
            throw CliFailure.usage("give a sample type or --body, not both");
        }
        if (body != null) {
            return scheme.sign(body, now);
        }
        if (type == null) {
            final List<String> types = scheme.sampleTypes();
            return types.isEmpty() ? scheme.sign(scheme.sampleBody(now), now) : scheme.signedSample(types.get(0), now);
        }
        final List<String> types = scheme.sampleTypes();
        if (!types.contains(type)) {
            final String provider = config.source(source).orElseThrow().provider();
            throw CliFailure.usage(types.isEmpty()
                ? "hookgate has no typed samples of " + provider + " (source '" + source + "'); leave out the type, or give --body FILE"
                : "no " + provider + " sample of type '" + type + "'" + DidYouMean.nearest(type, types)
                    .map(best -> " (did you mean '" + best + "'?)").orElse("") + "; the samples are " + String.join(", ", types));
        }
        return scheme.signedSample(type, now);
    }

    /** The ingress URL of {@code source}: under {@code baseUrl}, else under this host's address of {@code ingress.host:port}. */
    static String url(final HookgateConfig config, final String source, final String baseUrl) {
        final String base = baseUrl != null ? baseUrl.replaceAll("/+$", "")
            : "http://" + Hosts.reachable(config.ingress().host()) + ":" + config.ingress().port();
        return base + "/webhooks/" + source;
    }
}

package io.hookgate.providers.slack;

import io.hookgate.core.config.SourceConfig;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;

/**
 * {@code provider: slack}: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:" + timestamp + ":" + body>}
 * with {@code X-Slack-Request-Timestamp}. Answers {@code url_verification} (after its checks) and
 * {@code ssl_check}. Event id {@code event_id}; type the inner {@code event.type}, else {@code type}.
 */
public final class SlackProvider implements Provider {

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return new SlackScheme(source);
    }
}

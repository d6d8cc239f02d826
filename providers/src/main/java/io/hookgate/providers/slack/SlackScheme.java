package io.hookgate.providers.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.NamedProvider;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.PublishedEventTypes;
import io.hookgate.providers.spi.EventIdentity;
import io.hookgate.providers.spi.V0TimestampScheme;
import io.hookgate.providers.spi.HttpReply;
import io.hookgate.providers.spi.Verification;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code provider: slack}: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:" + timestamp + ":" + body>}
 * with {@code X-Slack-Request-Timestamp}, for the Events API (JSON), slash commands and interactivity
 * (forms). Answers {@code url_verification} (after its checks) and {@code ssl_check}. Event id
 * {@code event_id}; type the inner {@code event.type}, else {@code type}.
 */
public final class SlackScheme extends V0TimestampScheme {

    /** The registry entry of this provider. */
    public static final Provider PROVIDER = NamedProvider.of("slack", SlackScheme::new)
        .publishing(PublishedEventTypes.of(SlackScheme.class));

    SlackScheme(final SourceConfig source) {
        super(source, "X-Slack-Signature", "X-Slack-Request-Timestamp");
    }


    @Override
    public Optional<HttpReply> handshake(final RawRequest request) {
        if (isSslCheck(request)) {
            // Slack's SSL check of a slash command URL carries no signature and expects a bare 200.
            return Optional.of(HttpReply.text(""));
        }
        // Most requests are events: skip verifying twice unless the body can be a url_verification.
        if (!"application/json".equals(request.mediaType()) && !request.mediaType().isEmpty()
            || !request.bodyText().contains("url_verification")) {
            return Optional.empty();
        }
        final Verification verification = verify(request);
        if (verification instanceof Verification.Accepted accepted
            && "url_verification".equals(Payloads.text(accepted.payload().tree(), "type"))
            && accepted.payload().tree().path("challenge").isTextual()) {
            return Optional.of(HttpReply.json(Json.writeString(Map.of("challenge", accepted.payload().tree().get("challenge").textValue()))));
        }
        return Optional.empty();
    }

    private static boolean isSslCheck(final RawRequest request) {
        if (!"application/x-www-form-urlencoded".equals(request.mediaType()) || request.header("X-Slack-Signature").isPresent()) {
            return false;
        }
        try {
            return "1".equals(Payloads.text(Payloads.formFields(request.body()), "ssl_check"));
        } catch (Payloads.MalformedPayloadException e) {
            return false;
        }
    }

    @Override
    public Optional<String> dedupKeyHint(final RawRequest request) {
        return eventIdHint(Payloads.topLevelText(request.body(), "event_id"));
    }

    @Override
    protected EventIdentity identify(final RawRequest request, final JsonNode payload) {
        return Payloads.identity(Payloads.text(payload, "event_id"), payload, type(payload));
    }

    private static String type(final JsonNode payload) {
        final String innerType = Payloads.text(payload.path("event"), "type");
        if (innerType != null) {
            return innerType;
        }
        if (Payloads.text(payload, "command") != null) {
            return "slash_command";
        }
        if (payload.path("payload").isTextual()) {
            try {
                // Interactivity posts a form whose field "payload" is JSON with its own type.
                return Payloads.text(Payloads.tree(Hmac.utf8(payload.get("payload").textValue())), "type");
            } catch (Payloads.MalformedPayloadException e) {
                return null;
            }
        }
        return Payloads.text(payload, "type");
    }

    @Override
    protected HttpHeaders unsignedHeaders(final byte[] body, final Instant now) {
        return HttpHeaders.empty().with("Content-Type", "application/json").with("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)");
    }

    @Override
    public byte[] sampleBody(final Instant now) {
        return Hmac.utf8("{\"token\":\"unused\",\"team_id\":\"T1DC2JH3J\",\"api_app_id\":\"A2H9RFS1A\",\"type\":\"event_callback\","
            + "\"event_id\":\"Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(java.util.Locale.ROOT)
            + "\",\"event_time\":" + now.getEpochSecond() + ",\"event\":{\"type\":\"app_mention\",\"text\":\"hello from hookgate\"}}");
    }
}

package io.hookgate.providers.checkr;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.NamedProvider;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.EventIdentity;
import io.hookgate.providers.spi.HeaderHmacScheme;
import io.hookgate.providers.spi.SignatureFormat;

import java.time.Instant;
import java.util.Optional;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code provider: checkr}: {@code X-Checkr-Signature}, hex HMAC-SHA256 of the raw body under the
 * account's secret API key, no prefix. Event id and type: the body's {@code id} and {@code type}.
 */
public final class CheckrScheme extends HeaderHmacScheme {

    /** The registry entry of this provider. */
    public static final Provider PROVIDER = NamedProvider.of("checkr", CheckrScheme::new);

    private static final SignatureFormat FORMAT = SignatureFormat.of("X-Checkr-Signature", Hmac.Algorithm.SHA256, Encoding.HEX);

    CheckrScheme(final SourceConfig source) {
        super(source, FORMAT);
    }


    @Override
    public Optional<String> dedupKeyHint(final RawRequest request) {
        return eventIdHint(Payloads.topLevelText(request.body(), "id"));
    }

    @Override
    protected EventIdentity identify(final RawRequest request, final JsonNode payload) {
        return Payloads.identity(Payloads.text(payload, "id"), payload, Payloads.text(payload, "type"));
    }

    @Override
    protected HttpHeaders unsignedHeaders(final byte[] body, final Instant now) {
        return HttpHeaders.empty().with("Content-Type", "application/json").with("User-Agent", "Checkr-Webhook/1.0");
    }

    @Override
    public byte[] sampleBody(final Instant now) {
        final byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        return Hmac.utf8("{\"id\":\"" + HexFormat.of().formatHex(id) + "\",\"object\":\"event\",\"type\":\"report.completed\","
            + "\"created_at\":\"" + now + "\",\"data\":{\"object\":{\"id\":\"a13f4827d8711ddc75abc56c\",\"object\":\"report\"}}}");
    }
}

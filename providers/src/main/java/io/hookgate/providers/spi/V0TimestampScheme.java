package io.hookgate.providers.spi;

import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;

import java.util.List;

/**
 * The scheme Slack and Zoom share: {@code v0=} and the hex HMAC-SHA256 of
 * {@code "v0:" + timestamp + ":" + body}, the timestamp in its own header.
 */
public abstract class V0TimestampScheme extends HeaderHmacScheme {

    protected V0TimestampScheme(final SourceConfig source, final String signatureHeader, final String timestampHeader) {
        super(source, SignatureFormat.of(signatureHeader, Hmac.Algorithm.SHA256, Encoding.HEX)
            .withPrefix("v0=").withTimestampHeader(timestampHeader));
    }

    @Override
    protected final List<byte[][]> signedContents(final RawRequest request, final String timestamp) {
        return List.<byte[][]>of(new byte[][] {Hmac.utf8("v0:" + timestamp + ":"), request.body()});
    }
}

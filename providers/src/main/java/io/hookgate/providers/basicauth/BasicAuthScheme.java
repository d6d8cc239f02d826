package io.hookgate.providers.basicauth;

import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Credentials;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.spi.CredentialScheme;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.Verification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** HTTP Basic credentials compared, in constant time, with each configured {@code user:password}. */
final class BasicAuthScheme extends CredentialScheme {

    BasicAuthScheme(final SourceConfig source) {
        super(source);
    }

    @Override
    protected Optional<Verification.Rejected> checkSignature(final RawRequest request) {
        final Optional<String> header = request.header("Authorization");
        if (header.isEmpty()) {
            return reject(RejectReason.MISSING_SIGNATURE, "header Authorization is missing");
        }
        final String value = header.get().trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            return reject(RejectReason.MALFORMED_SIGNATURE, "Authorization is not Basic");
        }
        final Optional<byte[]> decoded = Encoding.BASE64.decode(value.substring("basic ".length()).trim());
        if (decoded.isEmpty()) {
            return reject(RejectReason.MALFORMED_SIGNATURE, "Authorization Basic is not base64");
        }
        if (!Credentials.anyEquals(secrets(), new String(decoded.get(), StandardCharsets.UTF_8))) {
            return reject(RejectReason.BAD_CREDENTIALS, "user or password is wrong");
        }
        return accept();
    }



    @Override
    public SignedRequest sign(final byte[] body, final Instant now) {
        return new SignedRequest(HttpHeaders.empty()
            .with("Content-Type", "application/json")
            .with("Authorization", "Basic " + Encoding.BASE64.encode(Hmac.utf8(signingSecret()))), body, "");
    }
}

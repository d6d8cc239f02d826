package io.hookgate.providers.token;

import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Credentials;
import io.hookgate.providers.payload.FormFields;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.CredentialScheme;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.Verification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A shared token from a header or a query parameter, compared in constant time with each configured one. */
final class TokenScheme extends CredentialScheme {

    private final String header;
    private final String queryParam;

    TokenScheme(final SourceConfig source, final String header, final String queryParam) {
        super(source);
        this.header = header;
        this.queryParam = queryParam;
    }

    @Override
    protected Optional<Verification.Rejected> checkSignature(final RawRequest request) {
        final Optional<String> token;
        try {
            token = presented(request);
        } catch (Payloads.MalformedPayloadException e) {
            return reject(RejectReason.MALFORMED_SIGNATURE, "the query string cannot be read");
        }
        if (token.isEmpty() || token.get().isEmpty()) {
            return reject(RejectReason.MISSING_SIGNATURE, (header != null ? "header " + header : "query parameter " + queryParam)
                + " is missing");
        }
        if (!Credentials.anyEquals(secrets(), token.get())) {
            return reject(RejectReason.BAD_CREDENTIALS, "the token is wrong");
        }
        return accept();
    }

    private Optional<String> presented(final RawRequest request) {
        if (header != null) {
            return request.header(header).map(value -> Credentials.bearerToken(value).orElse(value.trim()));
        }
        final List<String> values = FormFields.parse(request.query()).get(queryParam);
        return values == null || values.size() != 1 ? Optional.empty() : Optional.of(values.get(0));
    }



    @Override
    public SignedRequest sign(final byte[] body, final Instant now) {
        final HttpHeaders headers = HttpHeaders.empty().with("Content-Type", "application/json");
        if (header != null) {
            return new SignedRequest(headers.with(header, "Authorization".equalsIgnoreCase(header) ? "Bearer " + signingSecret()
                : signingSecret()), body, "");
        }
        return new SignedRequest(headers, body, queryParam + "=" + URLEncoder.encode(signingSecret(), StandardCharsets.UTF_8));
    }
}

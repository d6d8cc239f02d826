package io.hookgate.providers.spi;

import io.hookgate.core.request.HttpHeaders;

/**
 * A request signed the way a provider signs it, for {@code hookgate sign} and for tests: the
 * headers to send, the body, and the query string (without {@code ?}, empty when none).
 */
public record SignedRequest(HttpHeaders headers, byte[] body, String query) {
}

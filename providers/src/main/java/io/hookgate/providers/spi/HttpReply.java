package io.hookgate.providers.spi;

/**
 * An answer the ingress sends on a provider's behalf: a handshake's answer, or the
 * acknowledgement body a provider requires instead of hookgate's default JSON.
 */
public record HttpReply(int status, String contentType, String body) {

    public static HttpReply json(final String body) {
        return new HttpReply(200, "application/json", body);
    }

    public static HttpReply text(final String body) {
        return new HttpReply(200, "text/plain; charset=utf-8", body);
    }
}

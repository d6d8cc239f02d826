package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * A rejected request as operators see it: what the provider sent, with every credential's value
 * redacted by the server (names kept). The body is not copied (only its size): the original is
 * in Kafka, and replay reads it from there.
 *
 * @param method     the HTTP method
 * @param query      the query string, credential values redacted
 * @param client     the client address the ingress saw
 * @param receivedAt when the ingress received it
 * @param headers    the HTTP headers in the order received, credential values redacted
 * @param bodyBytes  the size of the body
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"method", "query", "client", "receivedAt", "headers", "bodyBytes"})
public record RequestCopy(String method, String query, String client, Instant receivedAt, List<HeaderCopy> headers, int bodyBytes) {

    /** One HTTP header; its value may be {@code [redacted]}. */
    public record HeaderCopy(String name, String value) {
    }

    /** The User-Agent the client sent (the last one, when it sent several), or null. */
    @JsonIgnore
    public String userAgent() {
        String found = null;
        for (HeaderCopy header : headers) {
            if ("user-agent".equalsIgnoreCase(header.name())) {
                found = header.value();
            }
        }
        return found;
    }
}

package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A payload as an entry's show answers it: a DLQ entry's envelope, or the body of a rejected request
 * as the ingress stored it. Exactly one of {@code json} (the body was JSON), {@code text} (UTF-8
 * text, a form body for one) and {@code base64} (anything else) holds it, or {@code unavailable}
 * says why there is none. A rejected request's body is shown with the value of every JSON key and
 * form field whose name looks like a credential redacted, as its headers are;
 * text and base64 stop after 64 KiB ({@code truncated}).
 *
 * @param bytes       the payload's size
 * @param json        the payload, when it is JSON
 * @param text        the payload as text, when it is UTF-8 but not JSON
 * @param base64      the payload, when it is neither
 * @param truncated   whether {@code text} or {@code base64} stops short of the payload
 * @param unavailable why there is no payload to show (not kept, gone from Kafka, Kafka not answering), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"bytes", "json", "text", "base64", "truncated", "unavailable"})
public record PayloadView(Integer bytes, JsonNode json, String text, String base64, Boolean truncated, String unavailable) {

    /** No payload to show, for {@code why}. */
    public static PayloadView unavailable(final String why) {
        return new PayloadView(null, null, null, null, null, why);
    }
}

package io.hookgate.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The JSON body of every HTTP error hookgate answers: a stable machine-readable {@code error}
 * code and a human-readable {@code message}.
 */
@JsonPropertyOrder({"error", "message"})
public record ErrorBody(String error, String message) {

    public String toJson() {
        return Json.writeString(this);
    }

    public static String json(final String error, final String message) {
        return new ErrorBody(error, message).toJson();
    }
}

package io.hookgate.providers.payload;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code application/x-www-form-urlencoded} text (a form body or a query string). */
public final class FormFields {

    private FormFields() {
    }

    /**
     * The fields of {@code text}, in order, each with its values in order.
     *
     * @throws Payloads.MalformedPayloadException on a malformed percent escape
     */
    public static Map<String, List<String>> parse(final String text) {
        final Map<String, List<String>> fields = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            final int equals = pair.indexOf('=');
            final String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            final String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            fields.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    private static String decode(final String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Payloads.MalformedPayloadException("malformed form field: " + e.getMessage());
        }
    }
}

package io.hookgate.providers.payload;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target of reading {@code multipart/form-data} bodies (Dropbox Sign's events): any bytes are
 * fields or a {@link Payloads.MalformedPayloadException}, never another exception; fields read are
 * written and read back the same. Input: the first line is the {@code Content-Type}, the rest the
 * body. Seeds: {@code MultipartFuzzTestInputs/}.
 */
class MultipartFuzzTest {

    @FuzzTest
    void fieldsReadsPartsOrSaysWhyNot(final byte[] data) {
        int newline = 0;
        while (newline < data.length && data[newline] != '\n') {
            newline++;
        }
        final String contentType = new String(data, 0, newline, StandardCharsets.ISO_8859_1);
        final byte[] body = newline < data.length ? Arrays.copyOfRange(data, newline + 1, data.length) : new byte[0];
        final String boundary = Multipart.boundary(contentType);
        if (boundary == null) {
            return;
        }
        assertThat(boundary).isNotEmpty().hasSizeLessThanOrEqualTo(70);
        final Map<String, byte[]> fields;
        try {
            fields = Multipart.fields(body, boundary);
        } catch (Payloads.MalformedPayloadException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        // write() spells the boundary in UTF-8 and fields() reads it in ISO-8859-1: the same bytes for ASCII only.
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(boundary)) {
            final Map<String, byte[]> again = Multipart.fields(Multipart.write(fields, boundary), boundary);
            assertThat(again.keySet()).containsExactlyElementsOf(fields.keySet());
            fields.forEach((name, value) -> assertThat(again.get(name)).as("field %s", name).isEqualTo(value));
        }
    }
}

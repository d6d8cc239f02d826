package io.hookgate.providers.payload;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipartTest {

    @Test
    void roundTripsFieldsWithAnyBytes() {
        final Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("json", "{\"a\":\"\r\n--not-the-boundary\"}".getBytes(StandardCharsets.UTF_8));
        fields.put("file", new byte[] {0, (byte) 0xFF, '\r', '\n'});
        final byte[] body = Multipart.write(fields, "b0undary");
        final Map<String, byte[]> read = Multipart.fields(body, Multipart.boundary("multipart/form-data; boundary=b0undary"));
        assertThat(read.keySet()).containsExactly("json", "file");
        assertThat(read.get("json")).isEqualTo(fields.get("json"));
        assertThat(read.get("file")).isEqualTo(fields.get("file"));
    }

    @Test
    void readsQuotedBoundariesAndRejectsBrokenBodies() {
        assertThat(Multipart.boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"")).isEqualTo("a b");
        assertThat(Multipart.boundary("application/json")).isNull();
        assertThatThrownBy(() -> Multipart.fields("no boundary here".getBytes(StandardCharsets.UTF_8), "x"))
            .isInstanceOf(Payloads.MalformedPayloadException.class);
        assertThatThrownBy(() -> Multipart.fields("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated".getBytes(StandardCharsets.UTF_8), "x"))
            .isInstanceOf(Payloads.MalformedPayloadException.class);
    }
}

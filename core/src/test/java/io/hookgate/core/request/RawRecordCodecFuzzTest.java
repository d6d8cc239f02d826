package io.hookgate.core.request;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hookgate.core.testing.FuzzText;
import io.hookgate.core.testing.KafkaRecordText;
import org.apache.kafka.common.header.Headers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets of the raw topic's record format: the processor reads whatever a raw record holds
 * (a poison record included) and must either get a request or a {@link RawRecordCodec.MalformedRecordException},
 * never another exception that would stop it. Seeds: {@code RawRecordCodecFuzzTestInputs/<method>/}.
 */
class RawRecordCodecFuzzTest {

    /** Any headers and value, as {@link KafkaRecordText}: a request, or malformed; and what was read re-encodes to itself. */
    @FuzzTest
    void decodeReadsARequestOrSaysItIsMalformed(final byte[] data) {
        final KafkaRecordText record = KafkaRecordText.parse(data);
        final RawRequest request;
        try {
            request = RawRecordCodec.decode(record.headers(), record.value());
        } catch (RawRecordCodec.MalformedRecordException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(request.ingressId()).isNotEmpty();
        assertThat(request.source()).isNotEmpty();
        assertThat(request.body()).isEqualTo(record.value() == null ? new byte[0] : record.value());
        // Written again (as a replay re-injects it), the request reads back the same, names lower-cased.
        assertThat(RawRecordCodec.decode(RawRecordCodec.headers(request), request.body())).isEqualTo(withNormalizedNames(request));
    }

    /** Any request the ingress could write reads back exactly, header names lower-cased. */
    @FuzzTest
    void encodeThenDecodeGivesTheRequestBack(final FuzzedDataProvider data) {
        final List<HttpHeaders.Header> headers = new ArrayList<>();
        final int count = data.consumeInt(0, 8);
        for (int i = 0; i < count; i++) {
            headers.add(new HttpHeaders.Header(FuzzText.utf8(data, 40), FuzzText.latin1(data, 80)));
        }
        final RawRequest.Replay replay = data.consumeBoolean()
            ? new RawRequest.Replay(FuzzText.utf8(data, 40), data.consumeBoolean()) : null;
        final RawRequest request = new RawRequest(FuzzText.nonEmpty(data, "i", 40), FuzzText.nonEmpty(data, "s", 64),
            Instant.ofEpochMilli(data.consumeLong()), FuzzText.utf8(data, 45), FuzzText.utf8(data, 10), FuzzText.utf8(data, 200),
            HttpHeaders.of(headers), data.consumeRemainingAsBytes(), replay);

        final Headers encoded = RawRecordCodec.headers(request);

        assertThat(RawRecordCodec.decode(encoded, request.body())).isEqualTo(withNormalizedNames(request));
    }

    private static RawRequest withNormalizedNames(final RawRequest request) {
        final List<HttpHeaders.Header> normalized = request.headers().asList().stream()
            .map(header -> new HttpHeaders.Header(HttpHeaders.normalize(header.name()), header.value())).toList();
        return new RawRequest(request.ingressId(), request.source(), request.receivedAt(), request.clientAddress(), request.method(),
            request.query(), HttpHeaders.of(normalized), request.body(), request.replay());
    }
}

package io.hookgate.core.request;

import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.rejection.RejectionHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawRecordCodecTest {

    @Test
    void roundTripsEveryByteAndRepeatedHeaders() {
        final byte[] body = {0, (byte) 0xFF, (byte) 0xC3, 0x28, '{', '}'};
        final RawRequest request = new RawRequest("0190-id", "stripe", Instant.ofEpochMilli(1_700_000_000_123L), "2001:db8::1",
            "POST", "a=1&b=%20", HttpHeaders.of(List.of(
                new HttpHeaders.Header("Stripe-Signature", "t=1,v1=ab"),
                new HttpHeaders.Header("X-Multi", "one"),
                new HttpHeaders.Header("X-Multi", "two"),
                new HttpHeaders.Header("X-Latin", "caf\u00e9"))), body);

        final Headers headers = RawRecordCodec.headers(request);
        final RawRequest decoded = RawRecordCodec.decode(headers, body);

        assertThat(decoded.ingressId()).isEqualTo("0190-id");
        assertThat(decoded.receivedAt()).isEqualTo(request.receivedAt());
        assertThat(decoded.clientAddress()).isEqualTo("2001:db8::1");
        assertThat(decoded.query()).isEqualTo("a=1&b=%20");
        assertThat(decoded.body()).isEqualTo(body);
        assertThat(decoded.header("stripe-signature")).contains("t=1,v1=ab");
        assertThat(decoded.headers().all("x-multi")).containsExactly("one", "two");
        assertThat(decoded.header("X-Latin")).contains("caf\u00e9");
        assertThat(decoded.recordKey()).isEqualTo("stripe:0190-id");
    }

    @Test
    void aRecordWithoutMetadataIsMalformed() {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(RawRecordCodec.SOURCE, "s".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> RawRecordCodec.decode(headers, new byte[0]))
            .isInstanceOf(RawRecordCodec.MalformedRecordException.class).hasMessageContaining("hookgate.ingress-id");
        headers.add(RawRecordCodec.INGRESS_ID, "i".getBytes(StandardCharsets.UTF_8));
        headers.add(RawRecordCodec.RECEIVED_AT, "yesterday".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> RawRecordCodec.decode(headers, null))
            .isInstanceOf(RawRecordCodec.MalformedRecordException.class).hasMessageContaining("not a number");
    }

    @Test
    void rejectionHeadersReplaceEarlierOnes() {
        final Headers headers = new RecordHeaders();
        RejectionHeaders.add(headers, RejectReason.BAD_SIGNATURE, "first", Instant.EPOCH);
        RejectionHeaders.add(headers, RejectReason.STALE_TIMESTAMP, "second", Instant.EPOCH);
        assertThat(RejectionHeaders.reason(headers)).contains(RejectReason.STALE_TIMESTAMP);
        assertThat(RejectionHeaders.detail(headers)).isEqualTo("second");
        assertThat(headers.headers(RejectionHeaders.REASON)).hasSize(1);
    }
}

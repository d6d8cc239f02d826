package io.hookgate.providers.twilio;

import com.twilio.security.RequestValidator;
import io.hookgate.core.config.ConfigException;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.payload.FormFields;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.hookgate.providers.testing.Verdicts.accepted;
import static io.hookgate.providers.testing.Verdicts.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Twilio, against the test vectors of twilio-java's and twilio-node's RequestValidator tests, and twilio-java itself. */
class TwilioSchemeTest {

    private static final String TOKEN = "12345";
    private static final String T1_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String DEFAULT_PARAMS = "CallSid=CA1234567890ABCDE|Caller=+14158675309|Digits=1234|From=+14158675309|To=+18005551212";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static SourceScheme twilio(final String publicUrl) {
        return TestSources.scheme("tw", "{provider: twilio, publicUrl: \"" + publicUrl + "\", secrets: [\"" + TOKEN + "\"]}");
    }

    /** A form body of {@code name=value} pairs separated by {@code |}, encoded as Twilio posts them. */
    private static String form(final String pairs) {
        if (pairs.isEmpty()) {
            return "";
        }
        return java.util.Arrays.stream(pairs.split("\\|")).map(pair -> {
            final int equals = pair.indexOf('=');
            return URLEncoder.encode(pair.substring(0, equals), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        }).collect(Collectors.joining("&"));
    }

    private static RawRequest request(final String query, final String contentType, final String body, final String signature) {
        HttpHeaders headers = HttpHeaders.empty().with("Content-Type", contentType);
        if (signature != null) {
            headers = headers.with("X-Twilio-Signature", signature);
        }
        return new RawRequest("i", "tw", NOW, "", "POST", query, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String queryOf(final String url) {
        return url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "T1;https://mycompany.com/myapp.php?foo=1&bar=2;" + DEFAULT_PARAMS + ";RSOYDt4T1cUTdK1PDd93/VVr8B8=",
        "T2 default port added;https://mycompany.com/myapp.php?foo=1&bar=2;" + DEFAULT_PARAMS + ";kvajT1Ptam85bY51eRf/AJRuM3w=",
        "T3 custom port;http://mycompany.com:1234/myapp.php?foo=1&bar=2;" + DEFAULT_PARAMS + ";Zmvh+3yNM1Phv2jhDCwEM3q5ebU=",
        "T4 http default port;http://mycompany.com/myapp.php?foo=1&bar=2;" + DEFAULT_PARAMS + ";0ZXoZLH/DfblKGATFgpif+LLRf4=",
        "T5 no params;https://mycompany.com/myapp.php?foo=1&bar=2;;zYQTYrRWXE7LtzbG4PfP7/bkkGo=",
        "T6 no query;https://mycompany.com/myapp.php;" + DEFAULT_PARAMS + ";1xaxFBvyzXYvWplzNOSs28HWO94=",
        "T7;https://mycompany.com/myapp.php?foo=1&bar=2&type=thiswontbeusedinthesignaturegeneratorandsoshouldbeignored;"
            + DEFAULT_PARAMS + ";hYkNsTBttoNGkyCS0p+wWmQoRTg=",
        "T8 encoded query;https://mycompany.com/myapp.php?foo=hello%20world&bar=test%2Bvalue;" + DEFAULT_PARAMS + ";er2tvAP1Wx+iuTTE2BPgvEaN1cs=",
        "T9 special characters;https://mycompany.com/myapp.php?foo=1&bar=2;Message=Hello & goodbye! @#$%^*()|From=+1 (415) 867-5309"
            + "|Special=unicode: \u00f1\u00e1\u00e9\u00ed\u00f3\u00fa;dCPiR4WtQ6QFN6pJh81CtlCcWLQ=",
        "T10 empty values;https://mycompany.com/myapp.php?foo=1&bar=2;Digits=|CallSid=CA1234567890ABCDE|EmptyParam=;9HHp/OqQMEwdrVebHDdA/+tqjX8=",
        "T11 null values;https://mycompany.com/myapp.php?foo=1&bar=2;Digits=|CallSid=CA1234567890ABCDE|NullParam=;L9lTTwIlxM1xGAtLRwhOSZggRhM=",
        "T12 sorted;https://mycompany.com/myapp.php?foo=1&bar=2;Zebra=last|Alpha=first|Beta=second|Gamma=third;enveUe73ZTVLAekHxez3Qx6JuuQ=",
        "T13 raw UTF-8 URL;https://mycompany.com/webhook/Espa\u00f1a?a\u00f1o=2023;" + DEFAULT_PARAMS + ";G/Hx6mqqnjUNlPAoi2Sp9bGst0g=",
        "T14 case-sensitive sort;https://mycompany.com/myapp.php?foo=1&bar=2;callSid=lowercase|CallSid=uppercase|CALLSID=allcaps;"
            + "jDK7WKT8wiNrwggd4ceTv4e1MJ4=",
        "T15 double slash;https://mycompany.com:443//myapp.php?foo=1&bar=2;" + DEFAULT_PARAMS + ";A9lH3u16NjyiiM/+wylw5rirFUs=",
        "T19 user and password;https://user:pass@mycompany.com/myapp.php?foo=1&bar=2;" + DEFAULT_PARAMS + ";CukzLTc1tT5dXEDIHm/tKBanW10=",
        "T20 user;https://user@mycompany.com/myapp.php?foo=1&bar=2;" + DEFAULT_PARAMS + ";2YRLlVAflCqxaNicjMpJcSTgzSs=",
        "T21 credentials and port;https://user:pass@mycompany.com/myapp.php?foo=1&bar=2;" + DEFAULT_PARAMS + ";ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=",
        "T23 repeated name;https://mycompany.com/myapp.php?foo=1&bar=2;MessagingBinding.Address=+1415xxxxxxx|MessagingBinding.Address=+1325xxxxxxx;"
            + "83O6e2vORAoJHUNzJjDWN1jz+BA=",
        "T24 repeated values;https://mycompany.com/myapp.php?foo=1&bar=2;Sid=CA123|SidAccount=AC123|Digits=5678|Digits=1234|Digits=1234;"
            + "IK+Dwps556ElfBT0I3Rgjkr1wJU="})
    void acceptsTheSdkVectorsForForms(final String name, final String url, final String params, final String signature) {
        final String body = form(params == null ? "" : params);
        accepted(twilio(url), request(queryOf(url), "application/x-www-form-urlencoded", body, signature));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "T16;https://mycompany.com/myapp.php?foo=1&bar=2;{\"property\": \"value\", \"boolean\": true};"
            + "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620;a9nBmqA0ju/hNViExpshrM61xv4=",
        "T17;https://mycompany.com/myapp.php;{\"property\": \"value\", \"boolean\": true};"
            + "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620;y77kIzt2vzLz71DgmJGsen2scGs=",
        "T18 default port;https://mycompany.com/myapp.php?foo=1&bar=2;{};"
            + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a;Ldidvp12m26NI7eqEvxnEpkd9Hc="})
    void acceptsTheSdkVectorsForJsonBodies(final String name, final String url, final String body, final String hash, final String signature) {
        final String query = (queryOf(url).isEmpty() ? "" : queryOf(url) + "&") + "bodySHA256=" + hash;
        accepted(twilio(url), request(query, "application/json", body, signature));
        // The body is covered: another body with the same signed URL does not verify.
        assertThat(reasonOf(twilio(url), request(query, "application/json", body + " ", signature))).isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    @Test
    void twilioJavaAcceptsWhatHookgateSignsForFormsAndJson() throws Exception {
        final String url = "https://hooks.example.com/webhooks/tw?tenant=acme";
        final SourceScheme twilio = twilio(url);
        final SignedRequest form = twilio.sign(twilio.sampleBody(NOW), NOW);
        final Map<String, String> params = new HashMap<>();
        FormFields.parse(new String(form.body(), StandardCharsets.UTF_8)).forEach((k, v) -> params.put(k, v.get(0)));
        final String signature = form.headers().first("X-Twilio-Signature").orElseThrow();
        assertThat(new RequestValidator(TOKEN).validate(url, params, signature)).isTrue();
        final Verification.Accepted accepted = accepted(twilio, TestSources.received("tw", NOW, form));
        assertThat(accepted.identity().type()).isEqualTo("message.delivered");
        assertThat(accepted.identity().eventId()).isNotBlank();

        final byte[] json = "{\"specversion\":\"1.0\",\"type\":\"com.twilio.messaging.message.delivered\",\"id\":\"EZ1\"}"
            .getBytes(StandardCharsets.UTF_8);
        final SignedRequest jsonSigned = twilio.sign(json, NOW);
        assertThat(new RequestValidator(TOKEN).validate("https://hooks.example.com/webhooks/tw?" + jsonSigned.query(),
            new String(json, StandardCharsets.UTF_8), jsonSigned.headers().first("X-Twilio-Signature").orElseThrow())).isTrue();
        accepted(twilio, TestSources.received("tw", NOW, jsonSigned));
    }

    @Test
    void identifiesByIdempotencyTokenElseSidAndStatus() {
        final SourceScheme twilio = twilio(T1_URL);
        final String body = form("MessageSid=SM1|MessageStatus=sent");
        final SignedRequest signed = twilio.sign(body.getBytes(StandardCharsets.UTF_8), NOW);
        final HttpHeaders withoutToken = HttpHeaders.of(signed.headers().asList().stream()
            .filter(h -> !h.name().equals("I-Twilio-Idempotency-Token")).toList());
        final Verification.Accepted accepted = accepted(twilio, new RawRequest("i", "tw", NOW, "", "POST", signed.query(), withoutToken,
            signed.body()));
        assertThat(accepted.identity().eventId()).isEqualTo("SM1:sent");
        assertThat(accepted.identity().type()).isEqualTo("message.sent");
    }

    @Test
    void negativeCases() {
        final String body = form(DEFAULT_PARAMS);
        final String good = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
        final String formType = "application/x-www-form-urlencoded";
        assertThat(reasonOf(twilio(T1_URL), request(queryOf(T1_URL), formType, body.replace("1234", "1235"), good)))
            .isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(twilio("https://mycompany.com/other.php?foo=1&bar=2"), request("", formType, body, good)))
            .isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(twilio(T1_URL), request(queryOf(T1_URL), formType, body, null))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(twilio(T1_URL), request(queryOf(T1_URL), formType, body, "not base64"))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(twilio(T1_URL), request(queryOf(T1_URL), formType, body, "RSOYDt4T1cUTdK1P"))).isEqualTo(RejectReason.BAD_SIGNATURE);
        // A JSON body without bodySHA256 in the URL is not covered by any signature.
        assertThat(reasonOf(twilio(T1_URL), request(queryOf(T1_URL), "application/json", "{}", "zYQTYrRWXE7LtzbG4PfP7/bkkGo=")))
            .isEqualTo(RejectReason.MALFORMED_SIGNATURE);
    }

    @Test
    void theSignatureOfAJsonRequestVerifiesNoFormReadingOfIt() {
        // T17: a JSON body signed through its bodySHA256. The same signed URL with an empty or crafted form must not verify.
        final String url = "https://mycompany.com/myapp.php";
        final String hash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        final String signature = "y77kIzt2vzLz71DgmJGsen2scGs=";
        final String formType = "application/x-www-form-urlencoded";
        for (String crafted : List.of("", "type=refund&amount=1000")) {
            assertThat(reasonOf(twilio(url), request("bodySHA256=" + hash, formType, crafted, signature)))
                .as("form body '%s'", crafted).isEqualTo(RejectReason.BAD_SIGNATURE);
        }
        // Read as signed (by its hash), the JSON body verifies whatever content type it claims, and is read as JSON.
        final Verification.Accepted accepted = accepted(twilio(url), request("bodySHA256=" + hash, formType,
            "{\"property\": \"value\", \"boolean\": true}", signature));
        assertThat(accepted.payload().tree().get("boolean").asBoolean()).isTrue();
        assertThat(accepted.signatureCovers()).containsExactly("url", "body");
    }

    @Test
    void theIdempotencyTokenIsNotSignedSoItDoesNotDecideDuplicates() {
        final SourceScheme twilio = twilio(T1_URL);
        final SignedRequest signed = twilio.sign(form("MessageSid=SM1|MessageStatus=sent").getBytes(StandardCharsets.UTF_8), NOW);
        final Verification.Accepted accepted = accepted(twilio, TestSources.received("tw", NOW, signed));
        assertThat(accepted.identity().idSigned()).isFalse();
    }

    @Test
    void publicUrlIsRequired() {
        assertThatThrownBy(() -> TestSources.scheme("tw", "{provider: twilio, secrets: [\"k\"]}"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources.tw.publicUrl: required for twilio");
    }

    @Test
    void portVariants() {
        assertThat(TwilioScheme.urlVariants(List.of("https://a.example/x?y=1")))
            .containsExactly("https://a.example/x?y=1", "https://a.example:443/x?y=1");
        assertThat(TwilioScheme.urlVariants(List.of("http://a.example:80/x")))
            .containsExactly("http://a.example:80/x", "http://a.example/x");
    }
}
